using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Destinations;

/// <summary>
/// One choice for a destination picker: the (type, target) a PBX object sends back, what to show, and the internal
/// number where the object has one. PBX destinations name objects by id; IVR flows name extensions, queues, ring
/// groups and mailboxes by <see cref="Number"/>, because their transfers end in <c>Goto(context,number,1)</c>.
/// </summary>
public sealed record DestinationOption(DestinationType Type, string? Target, string Label, string? Number = null);

/// <summary>/api/destinations: everything a call can be routed to, for the pickers of routes, queues, ring groups…</summary>
public static class DestinationsApi
{
    public static IEndpointRouteBuilder MapDestinationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/destinations", ListAsync).WithTags("Destinations").RequireAuthorization(Policies.Supervisor)
            .WithName("ListDestinations")
            .WithSummary("Every routable object (extensions, voicemail boxes, ring groups, queues, time conditions, conferences, IVRs, AI agents, hang-up); external numbers are typed in");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DestinationOption>>> ListAsync(PbxStore store, IEnumerable<IExternalDestinationSource> externals,
        CancellationToken cancellationToken)
    {
        var c = await store.LoadAsync(cancellationToken);
        static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = new List<DestinationOption>();
        options.AddRange(c.Extensions.OrderBy(e => e.Number, StringComparer.Ordinal)
            .Select(e => new DestinationOption(DestinationType.Extension, Id(e.Id), $"{e.Number} {e.Name}", e.Number)));
        options.AddRange(c.Extensions.Where(e => e.Voicemail.Enabled).OrderBy(e => e.Number, StringComparer.Ordinal)
            .Select(e => new DestinationOption(DestinationType.Voicemail, Id(e.Id), $"Voicemail {e.Number} {e.Name}", e.Number)));
        options.AddRange(c.RingGroups.OrderBy(g => g.Number, StringComparer.Ordinal)
            .Select(g => new DestinationOption(DestinationType.RingGroup, Id(g.Id), $"{g.Number} {g.Name}", g.Number)));
        options.AddRange(c.Queues.OrderBy(q => q.Number, StringComparer.Ordinal)
            .Select(q => new DestinationOption(DestinationType.Queue, Id(q.Id), $"{q.Number} {q.Name}", q.Number)));
        options.AddRange(c.TimeConditions.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new DestinationOption(DestinationType.TimeCondition, Id(t.Id), t.Name)));
        options.AddRange(c.Conferences.OrderBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new DestinationOption(DestinationType.Conference, Id(r.Id), $"{r.Number} {r.Name}", r.Number)));
        foreach (var source in externals)
        {
            var type = source.Type == "aiAgent" ? DestinationType.AiAgent : DestinationType.Ivr;
            options.AddRange((await source.ListAsync(cancellationToken)).Select(d => new DestinationOption(type, d.Id, d.Label)));
        }
        options.Add(new DestinationOption(DestinationType.Hangup, null, "Hang up"));
        return TypedResults.Ok<IReadOnlyList<DestinationOption>>(options);
    }
}

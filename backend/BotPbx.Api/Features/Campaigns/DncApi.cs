using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Dialer.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Campaigns;

public sealed record DncRequest(IReadOnlyList<string>? Phones, string? Reason, string? DefaultRegion);

public sealed record DncAddResult(int Added, IReadOnlyList<RowError> Errors);

/// <summary>Do-not-call lists: /api/dnc (global) and /api/campaigns/{id}/dnc. Adding a number marks its waiting contacts dnc at once.</summary>
public static class DncApi
{
    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder campaigns)
    {
        var global = app.MapGroup("/api/dnc").WithTags("Campaigns").RequireAuthorization(Policies.Supervisor).ProducesAuthProblems();
        global.MapGet("/", (ContactStore s, CancellationToken ct) => ListAsync(null, s, ct)).WithName("ListGlobalDnc");
        global.MapPost("/", (DncRequest r, ContactStore s, CancellationToken ct) => AddAsync(null, r, s, ct)).ProducesInputProblems().WithName("AddGlobalDnc")
            .WithSummary("Add numbers to the global do-not-call list (E.164 after normalising; per-row errors)");
        global.MapDelete("/{dncId:long}", (long dncId, ContactStore s, CancellationToken ct) => RemoveAsync(null, dncId, s, ct)).WithName("RemoveGlobalDnc");
        campaigns.MapGet("/{id:long}/dnc", (long id, ContactStore s, CancellationToken ct) => ListAsync(id, s, ct)).WithName("ListCampaignDnc");
        campaigns.MapPost("/{id:long}/dnc", (long id, DncRequest r, ContactStore s, CancellationToken ct) => AddAsync(id, r, s, ct))
            .ProducesInputProblems().WithName("AddCampaignDnc");
        campaigns.MapDelete("/{id:long}/dnc/{dncId:long}", (long id, long dncId, ContactStore s, CancellationToken ct) => RemoveAsync(id, dncId, s, ct))
            .WithName("RemoveCampaignDnc");
    }

    private static async Task<Ok<IReadOnlyList<DncNumber>>> ListAsync(long? campaignId, ContactStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListDncAsync(campaignId, cancellationToken));

    private static async Task<Results<Ok<DncAddResult>, ProblemHttpResult>> AddAsync(long? campaignId, DncRequest request, ContactStore store,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Check(request.Phones is { Count: > 0 and <= 100_000 }, "phones", "must list 1 to 100000 numbers");
        var region = request.DefaultRegion ?? "US";
        errors.Check(PhoneNormalizer.IsKnownRegion(region), "defaultRegion", "must be a two-letter region such as US or GB");
        errors.MaxLength("reason", request.Reason, 200);
        errors.NoControlCharacters("reason", request.Reason);
        if (errors.Any) return errors.ToProblem();
        var normalizer = new PhoneNormalizer(region);
        var rowErrors = new List<RowError>();
        var phones = new List<string>();
        for (var i = 0; i < request.Phones!.Count; i++)
        {
            if (normalizer.Normalize(request.Phones[i], out var error) is { } phone) phones.Add(phone);
            else rowErrors.Add(new RowError(i + 1, error!));
        }
        var added = phones.Count == 0 ? 0 : await store.AddDncAsync(campaignId, phones.Distinct(StringComparer.Ordinal).ToList(), request.Reason, cancellationToken);
        return TypedResults.Ok(new DncAddResult(added, rowErrors));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long? campaignId, long id, ContactStore store, CancellationToken cancellationToken) =>
        await store.RemoveDncAsync(campaignId, id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("There is no such do-not-call entry.");
}

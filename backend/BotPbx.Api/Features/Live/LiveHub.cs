using BotPbx.Api.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// The browsers' live feed (<c>/hubs/live</c>). A client subscribes its handlers, then calls <see cref="GetSnapshot"/>;
/// after that the server pushes deltas: <c>call</c> (a call as it is now), <c>callEnded</c>, <c>extension</c>,
/// <c>queue</c>, <c>status</c> (AMI up/down, resyncs) and <c>event</c> (seed 003 events other features publish, e.g.
/// agent.conversation). Each delta carries the model version it was made at; the snapshot carries the version it
/// reflects, so a client drops deltas the snapshot already contains.
/// Groups: <c>staff</c> (admins, supervisors: everything), <c>agents</c> and <c>ext:&lt;number&gt;</c> per extension of
/// an agent's user (its own calls and queues; every extension's presence).
/// </summary>
[Authorize(Policy = Policies.Agent)]
public sealed class LiveHub(LiveFeed feed, Microsoft.Extensions.Options.IOptions<Configuration.AuthOptions> auth) : Hub
{
    public const string Path = "/hubs/live";
    public const string StaffGroup = "staff";
    public const string AgentsGroup = "agents";

    public static string ExtensionGroup(string number) => "ext:" + number;

    public override async Task OnConnectedAsync()
    {
        // A WebSocket opened straight from another site's page (skipping the negotiate POST that the cross-site guard
        // checks) still carries its Origin: the same rule applies (cross-site WebSocket hijacking).
        if (Context.GetHttpContext() is { } http && http.Request.Headers.Origin.Count > 0
            && !CrossSiteRequestGuard.IsAllowed(UpgradeAsPost(http.Request), auth.Value.TrustedOrigins))
        {
            Context.Abort();
            return;
        }
        var viewer = feed.Viewer(Context.User!);
        if (viewer.IsStaff) await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup);
        else
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup);
            foreach (var number in viewer.Extensions) await Groups.AddToGroupAsync(Context.ConnectionId, ExtensionGroup(number));
        }
        await base.OnConnectedAsync();
    }

    /// <summary>The upgrade request judged as if it were a state-changing one (the guard lets every GET through).</summary>
    private static HttpRequest UpgradeAsPost(HttpRequest request)
    {
        var copy = new DefaultHttpContext().Request;
        copy.Method = HttpMethods.Post;
        copy.Scheme = request.Scheme;
        copy.Host = request.Host;
        copy.Headers.Origin = request.Headers.Origin;
        if (request.Headers.TryGetValue("Sec-Fetch-Site", out var site)) copy.Headers["Sec-Fetch-Site"] = site;
        return copy;
    }

    /// <summary>Everything this user may see, now.</summary>
    public LiveSnapshot GetSnapshot() => feed.Snapshot(feed.Viewer(Context.User!));
}

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
public sealed class LiveHub(LiveFeed feed) : Hub
{
    public const string Path = "/hubs/live";
    public const string StaffGroup = "staff";
    public const string AgentsGroup = "agents";

    public static string ExtensionGroup(string number) => "ext:" + number;

    public override async Task OnConnectedAsync()
    {
        var viewer = feed.Viewer(Context.User!);
        if (viewer.IsStaff) await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup);
        else
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup);
            foreach (var number in viewer.Extensions) await Groups.AddToGroupAsync(Context.ConnectionId, ExtensionGroup(number));
        }
        await base.OnConnectedAsync();
    }

    /// <summary>Everything this user may see, now.</summary>
    public LiveSnapshot GetSnapshot() => feed.Snapshot(feed.Viewer(Context.User!));
}

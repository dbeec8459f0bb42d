namespace BotPbx.Asterisk.Ami;

/// <summary>Dynamic queue members (app_queue). Errors such as "Unable to add interface: Already there" throw <see cref="AmiActionException"/>.</summary>
public static class AmiQueueCommands
{
    public static async Task QueueAddAsync(this IAmiClient client, string queue, string memberInterface, CancellationToken cancellationToken,
        string? memberName = null, int? penalty = null, bool? paused = null, string? stateInterface = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberInterface);
        var action = new AmiAction("QueueAdd")
            .Add("Queue", queue)
            .Add("Interface", memberInterface)
            .Add("MemberName", memberName)
            .Add("Penalty", penalty)
            .Add("Paused", paused)
            .Add("StateInterface", stateInterface);
        await SendAsync(client, action, cancellationToken).ConfigureAwait(false);
    }

    public static async Task QueueRemoveAsync(this IAmiClient client, string queue, string memberInterface, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberInterface);
        await SendAsync(client, new AmiAction("QueueRemove").Add("Queue", queue).Add("Interface", memberInterface), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pauses or unpauses a member in one queue, or in all its queues when <paramref name="queue"/> is null.</summary>
    public static async Task QueuePauseAsync(this IAmiClient client, string? queue, string memberInterface, bool paused, CancellationToken cancellationToken,
        string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberInterface);
        var action = new AmiAction("QueuePause").Add("Interface", memberInterface).Add("Paused", paused).Add("Queue", queue).Add("Reason", reason);
        await SendAsync(client, action, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SendAsync(IAmiClient client, AmiAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        (await client.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(action);
    }
}

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// One FastAGI session as a handler sees it: the request, a way to send commands, and the hang-up state.
/// The typed commands (<see cref="AgiPlaybackCommands"/>, <see cref="AgiVariableCommands"/>,
/// <see cref="AgiCallCommands"/>) are extension methods over this interface, so a fake channel gets them too.
/// </summary>
public interface IAgiChannel
{
    AgiRequest Request { get; }

    /// <summary>The values the route captured, e.g. <c>id</c> = <c>42</c> for <c>ivr/{id}</c> and <c>ivr/42</c>.</summary>
    IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>
    /// Fires when Asterisk sends the unprompted <c>HANGUP</c> line (the caller hung up) or the connection ends.
    /// Pending commands still get their reply: after a hang-up Asterisk answers some commands with 511.
    /// </summary>
    CancellationToken Hangup { get; }

    bool IsHungUp { get; }

    /// <summary>Sends one raw command line (no line end) and waits for its reply, within the server's default command timeout.</summary>
    Task<AgiReply> SendCommandAsync(string command, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one raw command line and waits for its reply. <paramref name="timeout"/> may be
    /// <see cref="Timeout.InfiniteTimeSpan"/> for commands that last as long as the call (EXEC Dial).
    /// A timeout closes the session and throws <see cref="AgiCommandTimeoutException"/>; cancelling through
    /// <paramref name="cancellationToken"/> only stops waiting (the late reply is discarded).
    /// </summary>
    Task<AgiReply> SendCommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken);
}

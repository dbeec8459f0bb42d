namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The AMI client as the rest of BotPBX sees it: the connection status, four ways to send an action, and event
/// subscriptions. The typed helpers (<c>PingAsync</c>, <c>CommandAsync</c>, <c>OriginateAsync</c>…) are extension
/// methods over this interface, so a test double only has to implement these members.
/// Every method is thread-safe; any number of actions may be in flight at once over the one connection.
/// </summary>
public interface IAmiClient
{
    /// <summary>A snapshot: state, since when, last error.</summary>
    AmiConnectionStatus Status { get; }

    /// <summary>Raised after every state change, on the client's own thread; keep handlers short.</summary>
    event EventHandler<AmiConnectionStatus>? StatusChanged;

    /// <summary><see cref="AmiOptions.ActionTimeout"/>, used when a call passes no timeout.</summary>
    TimeSpan DefaultActionTimeout { get; }

    /// <summary>
    /// Sends an action and returns its response whatever its status (<c>Success</c>, <c>Error</c>, <c>Goodbye</c>);
    /// call <see cref="AmiResponseExtensions.EnsureSuccess"/> to turn an error into an <see cref="AmiActionException"/>.
    /// </summary>
    /// <exception cref="AmiConnectionException">Not connected, or the connection died before the answer (transient).</exception>
    /// <exception cref="AmiTimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> was cancelled.</exception>
    Task<AmiResponse> SendActionAsync(AmiAction action, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Sends a list action and collects its item events until the <c>…Complete</c> event.</summary>
    Task<AmiEventList> SendEventListAsync(AmiAction action, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an action that is answered at once and finished later by the event <paramref name="eventName"/> carrying
    /// the same ActionID (async Originate → OriginateResponse). Event is null when the response was not a success.
    /// </summary>
    Task<(AmiResponse Response, AmiEvent? Event)> SendActionAwaitEventAsync(AmiAction action, string eventName, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>
    /// A new queue of events (see <see cref="AmiEventSubscription"/> for the slow-consumer policy). Events that belong
    /// to a list action are not delivered here. Subscriptions survive reconnects.
    /// </summary>
    AmiEventSubscription Subscribe(Func<AmiEvent, bool>? filter = null, int? capacity = null);
}

namespace BotPbx.Asterisk.Ami;

/// <summary>What an event carrying a pending ActionID meant to that action.</summary>
internal enum PendingEventResult
{
    /// <summary>Not for this action: deliver it to subscribers.</summary>
    Ignored,

    /// <summary>A list item: the action keeps it, subscribers do not see it.</summary>
    Consumed,

    /// <summary>The action is complete and the event stays with it (the <c>…Complete</c> event of a list).</summary>
    ConsumedAndFinished,

    /// <summary>The action is complete; subscribers see the event too (OriginateResponse).</summary>
    Finished,
}

/// <summary>
/// One action waiting for Asterisk, keyed by its ActionID. The reader calls <see cref="OnResponse"/> and
/// <see cref="OnEvent"/> for messages with that ActionID, always from its one thread, so they need no lock;
/// <see cref="Fail"/> is how Break ends it.
/// Completions run asynchronously so a caller's continuation never runs on (and stalls) the socket reader.
/// </summary>
internal abstract class PendingAction(string action, string actionId)
{
    public string Action { get; } = action;

    public string ActionId { get; } = actionId;

    /// <summary>Returns true when the action is finished and can be forgotten.</summary>
    public abstract bool OnResponse(AmiResponse response);

    public virtual PendingEventResult OnEvent(AmiEvent amiEvent) => PendingEventResult.Ignored;

    public abstract void Fail(Exception exception);
}

/// <summary>An ordinary action: finished by its response.</summary>
internal sealed class ResponsePendingAction(string action, string actionId) : PendingAction(action, actionId)
{
    private readonly TaskCompletionSource<AmiResponse> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<AmiResponse> Result => _result.Task;

    public override bool OnResponse(AmiResponse response)
    {
        _result.TrySetResult(response);
        return true;
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}

/// <summary>
/// An action answered by <c>EventList: start</c>, item events and a <c>…Complete</c> event (fixture ami-eventlists).
/// A response that does not start a list (an error, or a non-list action) finishes it with no items.
/// </summary>
internal sealed class EventListPendingAction(string action, string actionId) : PendingAction(action, actionId)
{
    private readonly TaskCompletionSource<AmiEventList> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<AmiEvent> _items = [];
    private AmiResponse? _response;
    private AmiEvent? _complete;

    public Task<AmiEventList> Result => _result.Task;

    public override bool OnResponse(AmiResponse response)
    {
        _response = response;
        if (_complete is not null)
        {
            // The list overtook its answer (never seen from Asterisk, but nothing in the protocol forbids it):
            // the list waited here, whole, for the response that starts it.
            _result.TrySetResult(new AmiEventList(response, _items.ToArray(), _complete));
            return true;
        }
        if (response.StartsEventList) return false;
        _result.TrySetResult(new AmiEventList(response, [], null));
        return true;
    }

    public override PendingEventResult OnEvent(AmiEvent amiEvent)
    {
        if (amiEvent.CompletesEventList)
        {
            if (_response is null)
            {
                _complete = amiEvent;
                return PendingEventResult.Consumed;
            }
            _result.TrySetResult(new AmiEventList(_response, _items.ToArray(), amiEvent));
            return PendingEventResult.ConsumedAndFinished;
        }
        _items.Add(amiEvent);
        return PendingEventResult.Consumed;
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}

/// <summary>
/// An action answered at once and finished later by an event with the same ActionID: async <c>Originate</c> is
/// answered <c>Originate successfully queued</c>, then <c>Event: OriginateResponse</c> (fixture ami-events-originate-async).
/// </summary>
internal sealed class ResponseThenEventPendingAction(string action, string actionId, string eventName) : PendingAction(action, actionId)
{
    private readonly TaskCompletionSource<(AmiResponse Response, AmiEvent? Event)> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AmiResponse? _response;
    private AmiEvent? _event;

    public Task<(AmiResponse Response, AmiEvent? Event)> Result => _result.Task;

    public override bool OnResponse(AmiResponse response)
    {
        _response = response;
        if (response.IsSuccess && _event is null) return false;
        _result.TrySetResult((response, response.IsSuccess ? _event : null));
        return true;
    }

    public override PendingEventResult OnEvent(AmiEvent amiEvent)
    {
        if (!amiEvent.Is(eventName)) return PendingEventResult.Ignored;
        // Asterisk answers first; should the event ever overtake the answer, it waits here for it.
        _event = amiEvent;
        if (_response is null) return PendingEventResult.Ignored;
        _result.TrySetResult((_response, amiEvent));
        return PendingEventResult.Finished;
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}

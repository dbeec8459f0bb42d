using System.Threading.Channels;
using BotPbx.Voice.Agents;
using Microsoft.Extensions.Logging;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// Saves a conversation's turns in order, off the audio path: the pipeline queues a turn and goes on; one background
/// loop writes them. A failing store is logged and does not end the call.
/// </summary>
internal sealed partial class TurnWriter
{
    private readonly IConversationStore _store;
    private readonly long _conversationId;
    private readonly ILogger _logger;
    private readonly Channel<ConversationTurn> _turns = Channel.CreateUnbounded<ConversationTurn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;
    private int _index;

    public TurnWriter(IConversationStore store, long conversationId, ILogger logger)
    {
        _store = store;
        _conversationId = conversationId;
        _logger = logger;
        _writing = Task.Run(WriteAsync);
    }

    /// <summary>Queues a turn; its index is the next one.</summary>
    public void Add(Func<int, ConversationTurn> turn) => _turns.Writer.TryWrite(turn(Interlocked.Increment(ref _index) - 1));

    /// <summary>Waits until every queued turn is written.</summary>
    public Task CompleteAsync()
    {
        _turns.Writer.TryComplete();
        return _writing;
    }

    private async Task WriteAsync()
    {
        await foreach (var turn in _turns.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _store.AddTurnAsync(_conversationId, turn, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The store is another feature's code: whatever it throws, the call goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(_logger, _conversationId, turn.Index, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving turn {Index} of conversation {Conversation} failed")]
    private static partial void LogFailed(ILogger logger, long conversation, int index, Exception exception);
}

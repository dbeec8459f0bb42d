using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Tools;

namespace BotPbx.Voice.Tests.Fakes;

/// <summary>Call control that records what the tools did; hanging up or transferring ends the audio, as on a real call.</summary>
public sealed class FakeCall : ICallControl
{
    public IAudioSocketSession? Audio { get; set; }

    public List<string> Actions { get; } = [];

    public TransferResult TransferAnswer { get; set; } = TransferResult.Done;

    public async Task<TransferResult> TransferAsync(TransferTarget target, string? summary, Func<string, CancellationToken, Task> speak, CancellationToken cancellationToken)
    {
        lock (Actions) Actions.Add($"transfer {target.Kind} {target.Number} {summary}");
        if (target.Warm) await speak(summary ?? "", cancellationToken);
        if (TransferAnswer.Transferred && Audio is not null) await Audio.HangupAsync(CancellationToken.None);
        return TransferAnswer;
    }

    public async Task HangupAsync(CancellationToken cancellationToken)
    {
        lock (Actions) Actions.Add("hangup");
        if (Audio is not null) await Audio.HangupAsync(CancellationToken.None);
    }

    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        lock (Actions) Actions.Add("dtmf " + digits);
        return Task.CompletedTask;
    }
}

public sealed class MemoryConversationStore : IConversationStore
{
    public List<ConversationTurn> Turns { get; } = [];

    public ConversationStart? Started { get; private set; }

    public ConversationEnd? Ended { get; private set; }

    public Task<long> StartAsync(ConversationStart start, CancellationToken cancellationToken)
    {
        Started = start;
        return Task.FromResult(7L);
    }

    public Task AddTurnAsync(long conversationId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        lock (Turns) Turns.Add(turn);
        return Task.CompletedTask;
    }

    public Task EndAsync(long conversationId, ConversationEnd outcome, CancellationToken cancellationToken)
    {
        Ended = outcome;
        return Task.CompletedTask;
    }

    public IReadOnlyList<ConversationTurn> Snapshot()
    {
        lock (Turns) return [.. Turns];
    }
}

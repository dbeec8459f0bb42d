namespace BotPbx.Voice.Agents;

/// <summary>
/// Where every conversation is saved (turns, tool calls, timings) and from where it is streamed as agent.conversation
/// events. Implemented over PostgreSQL by the API's Agents feature; calls must not block the audio path for long.
/// </summary>
public interface IConversationStore
{
    Task<long> StartAsync(ConversationStart start, CancellationToken cancellationToken);

    Task AddTurnAsync(long conversationId, ConversationTurn turn, CancellationToken cancellationToken);

    Task EndAsync(long conversationId, ConversationEnd outcome, CancellationToken cancellationToken);
}

/// <summary>Channel is Asterisk's channel name; Source is "call", "chat" (the page's try-it) or "campaign".</summary>
public sealed record ConversationStart(string AgentId, string Source, string? Channel, string? CallerId, string? Did,
    IReadOnlyDictionary<string, string> Variables, DateTimeOffset StartedAt);

/// <summary>
/// One turn: who spoke ("caller", "agent", "tool"), the text, a tool call's name/arguments/result, and for the agent's
/// turns the latency marks of this turn (null where a stage did not happen).
/// </summary>
public sealed record ConversationTurn(int Index, string Role, string Text, DateTimeOffset At,
    string? ToolName = null, string? ToolArguments = null, string? ToolResult = null, TurnTimings? Timings = null,
    bool Interrupted = false);

/// <summary>The waterfall of one turn, measured from the end of the caller's speech.</summary>
public sealed record TurnTimings(DateTimeOffset EndOfSpeech, DateTimeOffset? SttFinal, DateTimeOffset? LlmFirstToken,
    DateTimeOffset? TtsFirstAudio, DateTimeOffset? FirstFrameSent);

/// <summary>Outcome: "completed", "transferred", "caller-hung-up", "max-turns", "silence", "error".</summary>
public sealed record ConversationEnd(string Outcome, DateTimeOffset EndedAt, string? TransferredTo = null, string? Error = null);

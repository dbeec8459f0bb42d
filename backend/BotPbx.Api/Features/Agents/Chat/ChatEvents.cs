using System.Text.Json.Serialization;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>What a try-it message produces, in order; sent as server-sent events (event name = <see cref="Type"/>) or collected as JSON.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ChatText), "text")]
[JsonDerivedType(typeof(ChatTool), "tool")]
[JsonDerivedType(typeof(ChatEnded), "ended")]
[JsonDerivedType(typeof(ChatDone), "done")]
[JsonDerivedType(typeof(ChatError), "error")]
public abstract record ChatEvent
{
    /// <summary>The event's name on the stream (the same as the JSON "type").</summary>
    [JsonIgnore]
    public string Type => this switch
    {
        ChatText => "text",
        ChatTool => "tool",
        ChatEnded => "ended",
        ChatDone => "done",
        _ => "error",
    };
}

/// <summary>A fragment of the agent's answer.</summary>
public sealed record ChatText(string Text) : ChatEvent;

/// <summary>
/// A tool the model called. <paramref name="Executed"/>: the agent's own functions are really called (their webhook,
/// signed); transfer, hang_up and send_dtmf are only shown: a chat has no line to act on.
/// </summary>
public sealed record ChatTool(string Name, string Arguments, string Result, bool Executed) : ChatEvent;

/// <summary>The conversation is over (a transfer, a hang-up, an end phrase, max turns): the chat takes no more messages.</summary>
public sealed record ChatEnded(string Outcome, string? TransferredTo) : ChatEvent;

/// <summary>The answer is complete; <paramref name="LlmFirstTokenMs"/> is the model's time to its first token.</summary>
public sealed record ChatDone(string? FinishReason, double? LlmFirstTokenMs, double TotalMs) : ChatEvent;

/// <summary>The provider failed (unreachable, refused the key…); the chat stays open for another try.</summary>
public sealed record ChatError(string Message) : ChatEvent;

using BotPbx.Voice.Agents;

namespace BotPbx.Voice.Pipeline;

/// <summary>How an answer ended. <see cref="Ended"/> is set when a tool ended the call (transfer, hang-up).</summary>
internal sealed record ResponseResult(string SpokenText, bool Interrupted, ConversationEnd? Ended = null);

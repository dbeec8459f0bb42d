using System.Collections.Concurrent;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>
/// One try-it chat: the agent as resolved when the chat started (the same definition a call gets, variables filled
/// in), the messages so far as the model sees them, and the next turn index. One message at a time per chat.
/// </summary>
public sealed class ChatSession(long conversationId, long agentId, AgentDefinition agent) : IDisposable
{
    public long ConversationId { get; } = conversationId;
    public long AgentId { get; } = agentId;
    public AgentDefinition Agent { get; } = agent;
    public List<ChatMessage> History { get; } = [new ChatMessage(ChatRole.System, agent.SystemPrompt)];
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public int NextIndex { get; set; }
    public int CallerTurns { get; set; }
    public bool Ended { get; set; }
    public DateTimeOffset LastUsed { get; set; }

    public void Dispose() => Gate.Dispose();
}

/// <summary>
/// Try-it chats in memory, forgotten after <see cref="IdleLimit"/> without a message. The transcript is saved as a
/// conversation (source "chat"); the in-memory part is only what the model needs to go on, so a restart ends chats.
/// </summary>
public sealed class ChatSessions(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<long, ChatSession> _sessions = new();

    public void Add(ChatSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        foreach (var idle in _sessions.Values.Where(s => now - s.LastUsed > IdleLimit).ToList())
            if (_sessions.TryRemove(idle.ConversationId, out var removed)) removed.Dispose();
        session.LastUsed = now;
        _sessions[session.ConversationId] = session;
    }

    public ChatSession? Find(long conversationId)
    {
        if (!_sessions.TryGetValue(conversationId, out var session)) return null;
        if (time.GetUtcNow() - session.LastUsed > IdleLimit) return null;
        session.LastUsed = time.GetUtcNow();
        return session;
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        _sessions.Clear();
    }
}

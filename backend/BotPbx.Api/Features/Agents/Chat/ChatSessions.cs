using System.Collections.Concurrent;
using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>
/// One try-it chat: the agent as resolved for it (the same definition a call gets, variables filled in), the messages
/// so far as the model sees them, and the next turn index. One message at a time per chat.
/// </summary>
public sealed class ChatSession : IDisposable
{
    public ChatSession(long conversationId, long agentId, AgentDefinition agent, string? context = null, IEnumerable<ChatMessage>? history = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ConversationId = conversationId;
        AgentId = agentId;
        Agent = agent;
        Context = context;
        History = history is null ? [new ChatMessage(ChatRole.System, agent.SystemPrompt)] : [.. history];
    }

    public long ConversationId { get; }
    public long AgentId { get; }
    public AgentDefinition Agent { get; }
    /// <summary>The agent context (AI_CONTEXT) the chat was started with, so a reopened chat resolves the same one.</summary>
    public string? Context { get; }
    public List<ChatMessage> History { get; }
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public int NextIndex { get; set; }
    public int CallerTurns { get; set; }
    public bool Ended { get; set; }
    public DateTimeOffset LastUsed { get; set; }

    public void Dispose() => Gate.Dispose();
}

/// <summary>
/// Try-it chats: kept in PostgreSQL (<see cref="ChatSessionStore"/>) after every message, with the open ones cached in
/// memory, so a restart of the service (or another API process) carries on a chat where it was. Chats are forgotten
/// after <see cref="IdleLimit"/> without a message; their transcripts stay as conversations (source "chat").
/// </summary>
public sealed class ChatSessions(ChatSessionStore store, AgentStore agents, AiProviderSettingsStore providers, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<long, ChatSession> _sessions = new();

    public async Task AddAsync(ChatSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        foreach (var idle in _sessions.Values.Where(s => now - s.LastUsed > IdleLimit).ToList())
            if (_sessions.TryRemove(idle.ConversationId, out var removed)) removed.Dispose();
        await store.DeleteIdleAsync(now - IdleLimit, cancellationToken);
        session.LastUsed = now;
        _sessions[session.ConversationId] = session;
        await store.SaveAsync(session, cancellationToken);
    }

    /// <summary>Writes the chat's state after a message was answered.</summary>
    public Task SaveAsync(ChatSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.LastUsed = time.GetUtcNow();
        return store.SaveAsync(session, cancellationToken);
    }

    /// <summary>The open chat, from memory or else from PostgreSQL; null when there is none or it has been idle too long.</summary>
    public async Task<ChatSession?> FindAsync(long conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_sessions.TryGetValue(conversationId, out var session))
        {
            if (now - session.LastUsed > IdleLimit) return null;
            session.LastUsed = now;
            return session;
        }
        if (await store.FindAsync(conversationId, cancellationToken) is not { } stored || now - stored.LastUsed > IdleLimit) return null;
        if (await agents.FindAsync(stored.AgentId, cancellationToken) is not { } record) return null;
        // The agent as it is now (model, tools, providers); the prompt as the chat started, which the history holds first.
        var resolve = await providers.ResolverAsync(cancellationToken);
        var agent = AgentCatalog.ToDefinition(record, stored.Context, resolve);
        if (stored.History is [{ Role: ChatRole.System, Text: { } prompt }, ..]) agent = agent with { SystemPrompt = prompt };
        var reopened = new ChatSession(stored.ConversationId, stored.AgentId, agent, stored.Context, stored.History)
        {
            NextIndex = stored.NextIndex, CallerTurns = stored.CallerTurns, Ended = stored.Ended, LastUsed = now,
        };
        // Two requests may reopen it at once: one instance wins, so its gate keeps one message at a time.
        var kept = _sessions.GetOrAdd(conversationId, reopened);
        if (!ReferenceEquals(kept, reopened)) reopened.Dispose();
        return kept;
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        _sessions.Clear();
    }
}

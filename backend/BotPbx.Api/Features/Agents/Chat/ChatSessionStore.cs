using System.Text.Json;
using System.Text.Json.Serialization;
using BotPbx.Data;
using BotPbx.Voice.Providers;
using Dapper;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>A try-it chat's state as stored: enough to go on after a restart.</summary>
public sealed record StoredChat(long ConversationId, long AgentId, string? Context, IReadOnlyList<ChatMessage> History, int NextIndex,
    int CallerTurns, bool Ended, DateTimeOffset LastUsed);

/// <summary>Try-it chats in PostgreSQL (<c>agent_chat_sessions</c>), written after every answered message.</summary>
public sealed class ChatSessionStore(IDbConnectionFactory database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task SaveAsync(ChatSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_chat_sessions (conversation_id, agent_id, context, history, next_index, caller_turns, ended, last_used)
            VALUES (@ConversationId, @AgentId, @Context, @History::jsonb, @NextIndex, @CallerTurns, @Ended, @LastUsed)
            ON CONFLICT (conversation_id) DO UPDATE SET history = excluded.history, next_index = excluded.next_index,
                caller_turns = excluded.caller_turns, ended = excluded.ended, last_used = excluded.last_used
            """,
            new
            {
                session.ConversationId, session.AgentId, session.Context, History = JsonSerializer.Serialize(session.History, Json), session.NextIndex,
                session.CallerTurns, session.Ended, session.LastUsed,
            }, cancellationToken: cancellationToken));
    }

    public async Task<StoredChat?> FindAsync(long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT conversation_id, agent_id, context, history::text AS history, next_index, caller_turns, ended, last_used
            FROM agent_chat_sessions WHERE conversation_id = @conversationId
            """, new { conversationId }, cancellationToken: cancellationToken));
        return row is null ? null : new StoredChat(row.ConversationId, row.AgentId, row.Context,
            JsonSerializer.Deserialize<List<ChatMessage>>(row.History, Json) ?? [], row.NextIndex, row.CallerTurns, row.Ended, row.LastUsed);
    }

    /// <summary>Chats last used before <paramref name="before"/> go (their conversations stay).</summary>
    public async Task<int> DeleteIdleAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agent_chat_sessions WHERE last_used < @before", new { before },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public long ConversationId { get; init; }
        public long AgentId { get; init; }
        public string? Context { get; init; }
        public string History { get; init; } = "[]";
        public int NextIndex { get; init; }
        public int CallerTurns { get; init; }
        public bool Ended { get; init; }
        public DateTimeOffset LastUsed { get; init; }
    }
}

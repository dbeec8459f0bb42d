using System.Globalization;
using System.Text.Json;
using BotPbx.Api.Features.Agents.Webhooks;
using BotPbx.Data;
using BotPbx.Voice.Agents;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Agents.Conversations;

/// <summary>
/// Saves conversations and their turns (the call pipeline and the try-it chat write here), then tells every
/// <see cref="IConversationListener"/> (the live feed's agent.conversation events). A listener that throws is logged
/// and skipped: the conversation is saved either way, and the audio path never waits on a broken listener.
/// </summary>
public sealed partial class ConversationStore(IDbConnectionFactory database, WebhookOutbox outbox, WebhookWakeup wakeup, IEnumerable<IConversationListener> listeners,
    ILogger<ConversationStore> logger) : IConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<long> StartAsync(ConversationStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var agentId = ParseId(start.AgentId);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO agent_conversations (agent_id, agent_name, source, channel, caller_id, did, variables, started_at)
            VALUES ((SELECT id FROM agents WHERE id = @agentId), coalesce((SELECT name FROM agents WHERE id = @agentId), @agentText),
                    @Source, @Channel, @CallerId, @Did, CAST(@variables AS jsonb), @StartedAt)
            RETURNING id
            """,
            new
            {
                agentId, agentText = start.AgentId, start.Source, start.Channel, start.CallerId, start.Did,
                variables = JsonSerializer.Serialize(start.Variables, Json), start.StartedAt,
            }, transaction, cancellationToken: cancellationToken));
        var queued = await OnSavedAsync(connection, transaction, new ConversationEvent(id, agentId, start.Source, WebhookEvent.CallStart, Start: start), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (queued > 0) wakeup.Wake();
        Tell(l => l.OnStarted(id, start));
        return id;
    }

    public async Task AddTurnAsync(long conversationId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await OwnerAsync(connection, transaction, conversationId, cancellationToken);
        var t = turn.Timings;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_turns (conversation_id, index, role, text, at, tool_name, tool_arguments, tool_result, end_of_speech,
                stt_final, llm_first_token, tts_first_audio, first_frame_sent, interrupted)
            VALUES (@conversationId, @Index, @Role, @Text, @At, @ToolName, @ToolArguments, @ToolResult, @endOfSpeech,
                @sttFinal, @llmFirstToken, @ttsFirstAudio, @firstFrameSent, @Interrupted)
            ON CONFLICT (conversation_id, index) DO UPDATE SET role = excluded.role, text = excluded.text, at = excluded.at,
                tool_name = excluded.tool_name, tool_arguments = excluded.tool_arguments, tool_result = excluded.tool_result,
                end_of_speech = excluded.end_of_speech, stt_final = excluded.stt_final, llm_first_token = excluded.llm_first_token,
                tts_first_audio = excluded.tts_first_audio, first_frame_sent = excluded.first_frame_sent, interrupted = excluded.interrupted
            """,
            new
            {
                conversationId, turn.Index, turn.Role, turn.Text, turn.At, turn.ToolName, turn.ToolArguments, turn.ToolResult,
                endOfSpeech = t?.EndOfSpeech, sttFinal = t?.SttFinal, llmFirstToken = t?.LlmFirstToken, ttsFirstAudio = t?.TtsFirstAudio,
                firstFrameSent = t?.FirstFrameSent, turn.Interrupted,
            }, transaction, cancellationToken: cancellationToken));
        var queued = 0;
        if (turn.ToolName == "transfer")
            queued = await OnSavedAsync(connection, transaction, new ConversationEvent(conversationId, owner.AgentId, owner.Source, WebhookEvent.Transfer, Turn: turn),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (queued > 0) wakeup.Wake();
        Tell(l => l.OnTurn(conversationId, IdText(owner.AgentId), turn));
    }

    public async Task EndAsync(long conversationId, ConversationEnd outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await OwnerAsync(connection, transaction, conversationId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agent_conversations SET ended_at = @EndedAt, outcome = @Outcome, transferred_to = @TransferredTo, error = @Error
            WHERE id = @conversationId
            """, new { conversationId, outcome.EndedAt, outcome.Outcome, outcome.TransferredTo, outcome.Error }, transaction,
            cancellationToken: cancellationToken));
        var ended = await OnSavedAsync(connection, transaction, new ConversationEvent(conversationId, owner.AgentId, owner.Source, WebhookEvent.CallEnd,
            End: outcome), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (ended > 0) wakeup.Wake();
        Tell(l => l.OnEnded(conversationId, IdText(owner.AgentId), outcome));
    }

    /// <summary>The webhook deliveries the event calls for, in the same transaction: saved together or not at all.</summary>
    private Task<int> OnSavedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConversationEvent saved, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(connection, transaction, saved, cancellationToken);

    private static async Task<(long? AgentId, string Source)> OwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long conversationId,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long? AgentId, string Source)?>(new CommandDefinition(
            "SELECT agent_id, source FROM agent_conversations WHERE id = @conversationId", new { conversationId }, transaction,
            cancellationToken: cancellationToken));
        return row ?? throw new ArgumentException($"no conversation {conversationId}", nameof(conversationId));
    }

    private void Tell(Action<IConversationListener> notify)
    {
        foreach (var listener in listeners)
        {
            try
            {
                notify(listener);
            }
#pragma warning disable CA1031 // A listener's bug must not fail the call whose conversation was just saved.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ListenerFailed(logger, listener.GetType().Name, e);
            }
        }
    }

    private static long? ParseId(string agentId) =>
        long.TryParse(agentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string IdText(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "";

    [LoggerMessage(Level = LogLevel.Error, Message = "Conversation listener {Listener} failed")]
    private static partial void ListenerFailed(ILogger logger, string listener, Exception exception);
}

/// <summary>Kinds of conversation event that may be sent to webhooks.</summary>
public enum WebhookEvent { CallStart, CallEnd, Transfer }

/// <summary>A conversation event just saved, with its agent (null when the agent was deleted) and source.</summary>
public sealed record ConversationEvent(long ConversationId, long? AgentId, string Source, WebhookEvent Event, ConversationStart? Start = null,
    ConversationTurn? Turn = null, ConversationEnd? End = null);

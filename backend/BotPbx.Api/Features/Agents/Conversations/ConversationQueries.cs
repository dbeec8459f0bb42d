using System.Text.Json;
using BotPbx.Api.Problems;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Agents.Conversations;

public sealed record ConversationSummary(long Id, long? AgentId, string AgentName, string Source, string? Channel, string? CallerId, string? Did,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, string? TransferredTo, string? Error, int Turns);

/// <summary>A turn's latency marks, as offsets in milliseconds from the end of the caller's speech (the waterfall's bars).</summary>
public sealed record TurnWaterfall(DateTimeOffset EndOfSpeech, double? SttFinalMs, double? LlmFirstTokenMs, double? TtsFirstAudioMs, double? FirstFrameSentMs);

public sealed record TurnResponse(int Index, string Role, string Text, DateTimeOffset At, string? ToolName, string? ToolArguments, string? ToolResult,
    bool Interrupted, TurnWaterfall? Timings);

public sealed record ConversationResponse(ConversationSummary Conversation, IReadOnlyDictionary<string, string> Variables, IReadOnlyList<TurnResponse> Turns);

/// <summary>Seed 003's "Agent Metrics" for one agent, over its ended calls (try-it chats are not counted).</summary>
public sealed record AgentMetricsResponse(long AgentId, long Conversations, long Ended, double? AverageHandleTimeSeconds, double? TransferRate,
    double? ResolutionRate, double? ErrorRate, IReadOnlyDictionary<string, long> Outcomes, LatencySummary Latency);

/// <summary>Median and 95th percentile, in milliseconds from the end of speech, of each stage over the agent's last 1000 measured turns.</summary>
public sealed record LatencySummary(long Turns, double? SttFinalP50, double? SttFinalP95, double? LlmFirstTokenP50, double? LlmFirstTokenP95,
    double? TtsFirstAudioP50, double? TtsFirstAudioP95, double? FirstFrameSentP50, double? FirstFrameSentP95);

/// <summary>Reads conversations for the pages: the list, one conversation with its turns and waterfall, and an agent's metrics.</summary>
public sealed class ConversationQueries(IDbConnectionFactory database)
{
    private const string SummaryColumns =
        """
        c.id, c.agent_id, c.agent_name, c.source, c.channel, c.caller_id, c.did, c.started_at, c.ended_at, c.outcome, c.transferred_to, c.error,
        (SELECT count(*)::int FROM agent_turns t WHERE t.conversation_id = c.id) AS turns
        """;

    public async Task<(IReadOnlyList<ConversationSummary> Items, long Total)> ListAsync(long? agentId, ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string filter =
            """
            WHERE (@agentId::bigint IS NULL OR c.agent_id = @agentId)
              AND (@pattern::text IS NULL OR c.agent_name ILIKE @pattern OR c.caller_id ILIKE @pattern OR c.did ILIKE @pattern)
            """;
        var parameters = new { agentId, pattern = query.LikePattern, limit = query.Limit, offset = query.Offset };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM agent_conversations c {filter}", parameters,
            cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ConversationSummary>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM agent_conversations c {filter} ORDER BY c.started_at DESC, c.id DESC LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return (items.ToList(), total);
    }

    public async Task<ConversationResponse?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summary = await connection.QuerySingleOrDefaultAsync<ConversationSummary>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM agent_conversations c WHERE c.id = @id", new { id }, cancellationToken: cancellationToken));
        if (summary is null) return null;
        var variables = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT variables::text FROM agent_conversations WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        var turns = await connection.QueryAsync<TurnRow>(new CommandDefinition(
            """
            SELECT index, role, text, at, tool_name, tool_arguments, tool_result, interrupted, end_of_speech, stt_final, llm_first_token,
                tts_first_audio, first_frame_sent
            FROM agent_turns WHERE conversation_id = @id ORDER BY index
            """, new { id }, cancellationToken: cancellationToken));
        return new ConversationResponse(summary,
            JsonSerializer.Deserialize<Dictionary<string, string>>(variables ?? "{}") ?? [],
            [.. turns.Select(t => new TurnResponse(t.Index, t.Role, t.Text, t.At, t.ToolName, t.ToolArguments, t.ToolResult, t.Interrupted,
                t.EndOfSpeech is { } end ? new TurnWaterfall(end, Ms(end, t.SttFinal), Ms(end, t.LlmFirstToken), Ms(end, t.TtsFirstAudio), Ms(end, t.FirstFrameSent)) : null))]);
    }

    /// <summary>
    /// Handle time is from the start to the end of an ended call; transfer rate = transferred / ended; resolution rate =
    /// completed (the agent or the caller closed it normally, no transfer, no error) / ended; error rate = error / ended.
    /// </summary>
    public async Task<AgentMetricsResponse> MetricsAsync(long agentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var totals = await connection.QuerySingleAsync<TotalsRow>(new CommandDefinition(
            """
            SELECT count(*) AS conversations, count(ended_at) AS ended,
                avg(extract(epoch FROM ended_at - started_at)) FILTER (WHERE ended_at IS NOT NULL) AS average_handle_time_seconds,
                count(*) FILTER (WHERE outcome = 'transferred') AS transferred,
                count(*) FILTER (WHERE outcome = 'completed') AS completed,
                count(*) FILTER (WHERE outcome = 'error') AS errors
            FROM agent_conversations WHERE agent_id = @agentId AND source <> 'chat'
            """, new { agentId }, cancellationToken: cancellationToken));
        var outcomes = (await connection.QueryAsync<(string Outcome, long Count)>(new CommandDefinition(
            """
            SELECT outcome, count(*) FROM agent_conversations WHERE agent_id = @agentId AND source <> 'chat' AND outcome IS NOT NULL
            GROUP BY outcome ORDER BY outcome
            """, new { agentId }, cancellationToken: cancellationToken))).ToDictionary(o => o.Outcome, o => o.Count);
        var latency = await connection.QuerySingleAsync<LatencySummary>(new CommandDefinition(
            """
            WITH recent AS (
                SELECT t.* FROM agent_turns t JOIN agent_conversations c ON c.id = t.conversation_id
                WHERE c.agent_id = @agentId AND c.source <> 'chat' AND t.end_of_speech IS NOT NULL
                ORDER BY t.end_of_speech DESC LIMIT 1000),
            ms AS (
                SELECT extract(epoch FROM stt_final - end_of_speech) * 1000 AS stt, extract(epoch FROM llm_first_token - end_of_speech) * 1000 AS llm,
                       extract(epoch FROM tts_first_audio - end_of_speech) * 1000 AS tts, extract(epoch FROM first_frame_sent - end_of_speech) * 1000 AS frame
                FROM recent)
            SELECT count(*) AS turns,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY stt) AS stt_final_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY stt) AS stt_final_p95,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY llm) AS llm_first_token_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY llm) AS llm_first_token_p95,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY tts) AS tts_first_audio_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY tts) AS tts_first_audio_p95,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY frame) AS first_frame_sent_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY frame) AS first_frame_sent_p95
            FROM ms
            """, new { agentId }, cancellationToken: cancellationToken));
        double? Rate(long part) => totals.Ended == 0 ? null : (double)part / totals.Ended;
        return new AgentMetricsResponse(agentId, totals.Conversations, totals.Ended, totals.AverageHandleTimeSeconds, Rate(totals.Transferred),
            Rate(totals.Completed), Rate(totals.Errors), outcomes, latency);
    }

    private static double? Ms(DateTimeOffset from, DateTimeOffset? to) => to is { } t ? Math.Round((t - from).TotalMilliseconds, 1) : null;

    private sealed class TurnRow
    {
        public int Index { get; init; }
        public string Role { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string? ToolName { get; init; }
        public string? ToolArguments { get; init; }
        public string? ToolResult { get; init; }
        public bool Interrupted { get; init; }
        public DateTimeOffset? EndOfSpeech { get; init; }
        public DateTimeOffset? SttFinal { get; init; }
        public DateTimeOffset? LlmFirstToken { get; init; }
        public DateTimeOffset? TtsFirstAudio { get; init; }
        public DateTimeOffset? FirstFrameSent { get; init; }
    }

    private sealed class TotalsRow
    {
        public long Conversations { get; init; }
        public long Ended { get; init; }
        public double? AverageHandleTimeSeconds { get; init; }
        public long Transferred { get; init; }
        public long Completed { get; init; }
        public long Errors { get; init; }
    }
}

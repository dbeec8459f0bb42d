using System.Globalization;
using System.Text.Json;
using BotPbx.Api.Features.Agents.Conversations;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Agents.Webhooks;

/// <summary>
/// Writes webhook deliveries into the outbox (<c>agent_webhook_deliveries</c>) for the agent's webhooks that subscribe
/// to an event. The body is fixed here, at the time of the event, so every retry sends (and signs) the same bytes.
/// Try-it chats send no webhooks: a CRM told of a call.start for a chat in the admin page would log a call that never was.
/// </summary>
public sealed class WebhookOutbox(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Name(WebhookEvent e) => e switch
    {
        WebhookEvent.CallStart => "call.start",
        WebhookEvent.CallEnd => "call.end",
        WebhookEvent.Transfer => "transfer",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, null),
    };

    public async Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConversationEvent saved,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.AgentId is not { } agentId || saved.Source == "chat") return 0;
        var name = Name(saved.Event);
        var webhooks = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM agent_webhooks WHERE agent_id = @agentId AND @name = ANY(events) ORDER BY position",
            new { agentId, name }, transaction, cancellationToken: cancellationToken))).ToList();
        if (webhooks.Count == 0) return 0;
        var payload = JsonSerializer.Serialize(new WebhookPayload(name, agentId.ToString(CultureInfo.InvariantCulture), saved.ConversationId,
            time.GetUtcNow(), Data(saved)), Json);
        foreach (var webhookId in webhooks)
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agent_webhook_deliveries (webhook_id, conversation_id, event, payload) VALUES (@webhookId, @conversationId, @name, @payload)",
                new { webhookId, conversationId = saved.ConversationId, name, payload }, transaction, cancellationToken: cancellationToken));
        return webhooks.Count;
    }

    private static object Data(ConversationEvent saved) => saved.Event switch
    {
        WebhookEvent.CallStart => new
        {
            source = saved.Source, channel = saved.Start!.Channel, callerId = saved.Start.CallerId, did = saved.Start.Did,
            variables = saved.Start.Variables, startedAt = saved.Start.StartedAt,
        },
        WebhookEvent.CallEnd => new { outcome = saved.End!.Outcome, endedAt = saved.End.EndedAt, transferredTo = saved.End.TransferredTo, error = saved.End.Error },
        _ => new { arguments = saved.Turn!.ToolArguments, result = saved.Turn.ToolResult, text = saved.Turn.Text, at = saved.Turn.At },
    };
}

/// <summary>The JSON body of every agent webhook: <c>{event, agentId, conversationId, timestamp, data}</c>.</summary>
public sealed record WebhookPayload(string Event, string AgentId, long ConversationId, DateTimeOffset Timestamp, object Data);

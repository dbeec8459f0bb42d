using System.Security.Claims;
using System.Text.Json;
using BotPbx.Api.Features.Auth;
using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Audit;

/// <summary>One audit entry. <paramref name="Details"/> is serialised as JSON; never put a secret in it.</summary>
public sealed record AuditEntry(string Action, long? ActorId, string? ActorEmail, string? Target, string? Ip, object? Details = null);

public sealed record AuditRecord(long Id, DateTimeOffset At, long? ActorId, string? ActorEmail, string Action, string? Target,
    string? Ip, JsonElement? Details);

/// <summary>Append-only log of security-relevant actions (table <c>audit_log</c>).</summary>
public sealed class AuditLog(IDbConnectionFactory database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (actor_id, actor_email, action, target, ip, details)
            VALUES (@ActorId, @ActorEmail, @Action, @Target, @Ip, CAST(@Details AS jsonb))
            """,
            new
            {
                entry.ActorId,
                entry.ActorEmail,
                entry.Action,
                entry.Target,
                entry.Ip,
                Details = entry.Details is null ? null : JsonSerializer.Serialize(entry.Details, Json),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Writes an entry whose actor and IP come from the current request.</summary>
    public Task WriteAsync(HttpContext httpContext, string action, string? target, object? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = httpContext.User;
        return WriteAsync(new AuditEntry(action, user.UserId(), user.FindFirstValue(ClaimTypes.Email), target,
            ClientIp.Of(httpContext), details), cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditRecord> Items, long Total)> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM audit_log", cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            """
            SELECT id, at, actor_id, actor_email, action, target, ip, details::text AS details
            FROM audit_log ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset
            """,
            new { limit, offset }, cancellationToken: cancellationToken));
        return (rows.Select(row => row.ToRecord()).ToList(), total);
    }

    private sealed class AuditRow
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public long? ActorId { get; init; }
        public string? ActorEmail { get; init; }
        public string Action { get; init; } = "";
        public string? Target { get; init; }
        public string? Ip { get; init; }
        public string? Details { get; init; }

        public AuditRecord ToRecord() => new(Id, At, ActorId, ActorEmail, Action, Target, Ip,
            Details is null ? null : JsonDocument.Parse(Details).RootElement.Clone());
    }
}

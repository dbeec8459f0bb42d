using BotPbx.Api.Configuration;
using BotPbx.Data;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

/// <summary>The signed-in user behind an active session, as read on each request.</summary>
public sealed class ActiveSession
{
    public Guid SessionId { get; init; }
    public long UserId { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>
/// The sessions table. A session is valid while it is not revoked, not expired and its user is not disabled.
/// Positive checks are cached briefly (<see cref="AuthOptions.SessionCheckCache"/>); revoking here evicts them at once,
/// and failures (including database errors) are never cached, so nothing keeps a broken state.
/// </summary>
public sealed class SessionStore(IDbConnectionFactory database, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider time)
{
    public async Task<(Guid Id, DateTimeOffset ExpiresAt)> CreateAsync(long userId, string ip, string? userAgent, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var expiresAt = time.GetUtcNow() + options.Value.SessionLifetime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sessions (id, user_id, expires_at, ip, user_agent) VALUES (@id, @userId, @expiresAt, @ip, @userAgent);
            DELETE FROM sessions WHERE user_id = @userId AND (expires_at < now() OR revoked_at < now() - interval '1 day');
            """,
            new { id, userId, expiresAt, ip, userAgent = userAgent is { Length: > 300 } ? userAgent[..300] : userAgent },
            cancellationToken: cancellationToken));
        return (id, expiresAt);
    }

    public async Task<ActiveSession?> FindActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(sessionId), out ActiveSession? cached) && cached is not null)
        {
            return cached;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var session = await connection.QuerySingleOrDefaultAsync<ActiveSession>(new CommandDefinition(
            """
            SELECT s.id AS session_id, u.id AS user_id, u.email, u.name, u.role, s.expires_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id = @sessionId AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled
            """,
            new { sessionId }, cancellationToken: cancellationToken));
        if (session is not null)
        {
            var lifetime = session.ExpiresAt - time.GetUtcNow();
            var keep = lifetime < options.Value.SessionCheckCache ? lifetime : options.Value.SessionCheckCache;
            if (keep > TimeSpan.Zero) cache.Set(CacheKey(sessionId), session, keep);
        }
        return session;
    }

    public async Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET revoked_at = now() WHERE id = @sessionId AND revoked_at IS NULL", new { sessionId },
            cancellationToken: cancellationToken));
        cache.Remove(CacheKey(sessionId));
    }

    /// <summary>Revokes every session of the user except <paramref name="keep"/> (the caller's own, on a password change).</summary>
    public async Task<int> RevokeAllAsync(long userId, Guid? keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var revoked = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            UPDATE sessions SET revoked_at = now()
            WHERE user_id = @userId AND revoked_at IS NULL AND (@keep::uuid IS NULL OR id <> @keep)
            RETURNING id
            """,
            new { userId, keep }, cancellationToken: cancellationToken))).ToList();
        foreach (var id in revoked) cache.Remove(CacheKey(id));
        return revoked.Count;
    }

    /// <summary>Forgets cached checks of the user's sessions (after a role change or disabling), so they are re-read.</summary>
    public async Task ForgetCachedAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM sessions WHERE user_id = @userId AND revoked_at IS NULL", new { userId },
            cancellationToken: cancellationToken));
        foreach (var id in ids) cache.Remove(CacheKey(id));
    }

    public void Evict(IEnumerable<Guid> sessionIds)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        foreach (var id in sessionIds) cache.Remove(CacheKey(id));
    }

    private static string CacheKey(Guid sessionId) => "botpbx:session:" + sessionId.ToString("N");
}

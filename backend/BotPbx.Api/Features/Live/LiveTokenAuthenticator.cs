using BotPbx.Api.Features.Auth;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Checks the token of a /ws auth message exactly as a request's <c>Authorization: Bearer</c> is checked: the opaque
/// token is decrypted with the data-protection keys, must not have expired, and its session must still be active in
/// PostgreSQL (not logged out or revoked, user not disabled). The role comes from the database, not the token.
/// </summary>
public sealed class LiveTokenAuthenticator(IOptionsMonitor<BearerTokenOptions> bearer, SessionStore sessions, TimeProvider time)
{
    public async Task<ActiveSession?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096) return null;
        var ticket = bearer.Get(AuthSchemes.Bearer).BearerTokenProtector.Unprotect(token);
        if (ticket is null || ticket.Properties.ExpiresUtc is { } expires && expires <= time.GetUtcNow()) return null;
        if (ticket.Principal.SessionId() is not { } sessionId || ticket.Principal.UserId() is not { } userId) return null;
        var session = await sessions.FindActiveAsync(sessionId, cancellationToken);
        return session is not null && session.UserId == userId ? session : null;
    }

    /// <summary>Whether the session behind a connection is still active (checked periodically while it stays open).</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await sessions.FindActiveAsync(sessionId, cancellationToken) is not null;
}

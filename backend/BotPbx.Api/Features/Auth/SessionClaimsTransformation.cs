using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Runs after the bearer token or cookie has been decrypted: the token only says "user X, session S"; whether S is
/// still valid (not logged out, not revoked by a password change or reset, user not disabled or deleted) and what the
/// user's current role is come from the database. An invalid session yields an anonymous principal, so the request is
/// answered 401 like any other unauthenticated one.
/// </summary>
public sealed class SessionClaimsTransformation(SessionStore sessions, IHttpContextAccessor httpContextAccessor) : IClaimsTransformation
{
    private const string CheckedClaim = "botpbx:session-checked";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } identity || principal.HasClaim(c => c.Type == CheckedClaim))
        {
            return principal;
        }
        if (principal.SessionId() is not { } sessionId || principal.UserId() is not { } userId)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        var cancellationToken = httpContextAccessor.HttpContext?.RequestAborted ?? CancellationToken.None;
        var session = await sessions.FindActiveAsync(sessionId, cancellationToken);
        if (session is null || session.UserId != userId)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.UserId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimsPrincipalExtensions.SessionIdClaim, session.SessionId.ToString()),
                new Claim(ClaimTypes.Email, session.Email),
                new Claim(ClaimTypes.Name, session.Name),
                new Claim(ClaimTypes.Role, session.Role),
                new Claim(CheckedClaim, "1"),
            ],
            identity.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Starts a session: one sessions row, an opaque bearer token for scripts, and the HttpOnly cookie for the SPA — both
/// encrypted with the data-protection keys and carrying only the user id and session id.
/// </summary>
public sealed class SessionIssuer(SessionStore sessions, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> StartAsync(HttpContext httpContext, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (sessionId, expiresAt) = await sessions.CreateAsync(userId, ClientIp.Of(httpContext),
            httpContext.Request.Headers.UserAgent.ToString(), cancellationToken);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = expiresAt,
            IsPersistent = true,
        };

        var bearer = new AuthenticationTicket(Principal(userId, sessionId, AuthSchemes.Bearer), properties, AuthSchemes.Bearer);
        var token = bearerOptions.Get(AuthSchemes.Bearer).BearerTokenProtector.Protect(bearer);
        await httpContext.SignInAsync(AuthSchemes.Cookie, Principal(userId, sessionId, AuthSchemes.Cookie), properties);
        return (token, expiresAt);
    }

    private static ClaimsPrincipal Principal(long userId, Guid sessionId, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimsPrincipalExtensions.SessionIdClaim, sessionId.ToString()),
        ],
        scheme));
}

using System.Globalization;
using System.Security.Claims;

namespace BotPbx.Api.Features.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The session id every token and cookie carries; checked against the sessions table on each request.</summary>
    public const string SessionIdClaim = "botpbx:sid";

    public static long? UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public static Guid? SessionId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(SessionIdClaim), out var id) ? id : null;
    }

    public static long RequiredUserId(this ClaimsPrincipal principal) =>
        principal.UserId() ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
}

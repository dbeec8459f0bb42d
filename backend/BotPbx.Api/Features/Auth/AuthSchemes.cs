namespace BotPbx.Api.Features.Auth;

public static class AuthSchemes
{
    /// <summary>The policy scheme: Bearer when an Authorization header is present, otherwise the session cookie.</summary>
    public const string Default = "BotPbx";

    public const string Bearer = "Bearer";

    public const string Cookie = "Cookie";

    public const string CookieName = "botpbx_session";
}

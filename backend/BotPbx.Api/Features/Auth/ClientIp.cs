namespace BotPbx.Api.Features.Auth;

public static class ClientIp
{
    /// <summary>
    /// The peer's address as Kestrel sees it. Forwarded headers are deliberately not trusted: the service is reached
    /// directly, and honouring X-Forwarded-For would let anyone pick their own rate-limit bucket.
    /// </summary>
    public static string Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var address = httpContext.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}

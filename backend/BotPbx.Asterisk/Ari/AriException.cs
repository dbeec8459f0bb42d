using System.Net;

namespace BotPbx.Asterisk.Ari;

/// <summary>Asterisk answered, and the answer was an error. <see cref="StatusCode"/> is what to branch on:
/// reason phrases vary between resources (<c>404 Not Found</c> vs <c>404 Not found</c>, <c>500 Internal Error</c>
/// vs <c>500 Internal Server Error</c> in the fixture ari-stasis-call-rest) and are ignored.</summary>
public class AriException : Exception
{
    public AriException(HttpStatusCode statusCode, string? asteriskMessage, string method, string path)
        : base(Describe(statusCode, asteriskMessage, method, path))
    {
        StatusCode = statusCode;
        AsteriskMessage = asteriskMessage;
        Method = method;
        Path = path;
    }

    public AriException() : this(0, null, "", "") { }

    public AriException(string message) : base(message) { Method = ""; Path = ""; }

    public AriException(string message, Exception innerException) : base(message, innerException) { Method = ""; Path = ""; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>message</c> of Asterisk's <c>{"message":"…"}</c> body, e.g. "Channel not in Stasis
    /// application"; null when the body was not that JSON (the upgrade's text/html 400).</summary>
    public string? AsteriskMessage { get; }

    public string Method { get; }

    /// <summary>The request path and query as sent (escaped).</summary>
    public string Path { get; }

    /// <summary>404: the channel, bridge, playback or recording is gone (often: the caller hung up meanwhile).</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 (answer/play) or 422 (addChannel): the channel is not in this Stasis application.</summary>
    public bool IsNotInStasis => StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    private static string Describe(HttpStatusCode status, string? message, string method, string path) =>
        $"ARI {method} {path} failed with {(int)status}: {message ?? "(no message)"}";
}

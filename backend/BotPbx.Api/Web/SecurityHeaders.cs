namespace BotPbx.Api.Web;

/// <summary>Headers on every response, API and SPA alike.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Suits a Vite React build: scripts only from this origin (Vite emits no inline scripts), inline styles allowed
    /// (React style props, the IVR canvas), images and audio from data:/blob: (previews, recordings), WebSocket
    /// connections anywhere (SignalR here, SIP over WSS to Asterisk on its own port), never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; media-src 'self' blob: data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // OnStarting: the exception handler clears headers set earlier, and these must survive it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The web phone needs the microphone; nothing needs the camera or location.
            headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BotPbx.Api.Features.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Configuration;

/// <summary>
/// Where Kestrel listens. With a certificate (BOTPBX_TLS_CERT and BOTPBX_TLS_KEY, PEM files; install.sh makes a
/// self-signed one or copies the administrator's, installer/lib/tls.sh) the service serves HTTPS on HTTPS_PORT, plain
/// HTTP on PORT only redirects there, and the session cookie is always <c>Secure</c>. Without one it serves plain HTTP
/// on PORT, as tests and development do.
/// </summary>
public static class HttpsHosting
{
    public static void Listen(WebApplicationBuilder builder, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(server);
        var host = server.Host.Contains(':', StringComparison.Ordinal) ? $"[{server.Host}]" : server.Host;
        if (!server.HttpsEnabled)
        {
            builder.WebHost.UseUrls($"http://{host}:{server.Port}");
            return;
        }
        var certificate = LoadCertificate(server);
        builder.WebHost.UseUrls($"http://{host}:{server.Port}", $"https://{host}:{server.HttpsPort}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        builder.Services.AddHttpsRedirection(options =>
        {
            options.HttpsPort = server.HttpsPort;
            // 308 keeps the method and body, so an API client that posts to the HTTP port is sent on, not broken.
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Cookie,
            options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    }

    /// <summary>Plain HTTP requests are answered with a redirect to HTTPS, and nothing else, when HTTPS is on.</summary>
    public static WebApplication UseHttpsOnly(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.HttpsEnabled) app.UseHttpsRedirection();
        return app;
    }

    private static X509Certificate2 LoadCertificate(ServerOptions server)
    {
        if (string.IsNullOrWhiteSpace(server.TlsKeyFile))
        {
            throw new InvalidOperationException("BOTPBX_TLS_CERT is set but BOTPBX_TLS_KEY is not: HTTPS needs both PEM files.");
        }
        try
        {
            // The key is read now, at start-up: a certificate renewed on disk is used after the next restart.
            return X509Certificate2.CreateFromPemFile(server.TlsCertFile!, server.TlsKeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Cannot read the TLS certificate (BOTPBX_TLS_CERT={server.TlsCertFile}, BOTPBX_TLS_KEY={server.TlsKeyFile}): {e.Message}", e);
        }
    }
}

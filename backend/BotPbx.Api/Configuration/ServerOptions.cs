namespace BotPbx.Api.Configuration;

/// <summary>Where the service listens and where it finds its files.</summary>
public sealed class ServerOptions
{
    [EnvironmentVariable("HOST")]
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>Plain HTTP; with a certificate it only redirects to <see cref="HttpsPort"/>.</summary>
    [EnvironmentVariable("PORT")]
    public int Port { get; set; } = 3000;

    [EnvironmentVariable("HTTPS_PORT")]
    public int HttpsPort { get; set; } = 3443;

    /// <summary>PEM certificate (full chain) for HTTPS; empty = plain HTTP only (see <see cref="HttpsHosting"/>).</summary>
    [EnvironmentVariable("BOTPBX_TLS_CERT")]
    public string? TlsCertFile { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertFile"/>.</summary>
    [EnvironmentVariable("BOTPBX_TLS_KEY")]
    public string? TlsKeyFile { get; set; }

    public bool HttpsEnabled => !string.IsNullOrWhiteSpace(TlsCertFile);

    /// <summary>The built SPA (frontend/dist). Defaults to <c>wwwroot</c> next to the service's dll.</summary>
    [EnvironmentVariable("BOTPBX_STATIC_DIR")]
    public string? StaticDir { get; set; }

    /// <summary>BotPBX's own files (prompts, generated audio, uploads).</summary>
    [EnvironmentVariable("BOTPBX_DATA_DIR")]
    public string DataDir { get; set; } = "/var/lib/botpbx";

    public string ResolveStaticDir() =>
        string.IsNullOrWhiteSpace(StaticDir) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(StaticDir);
}

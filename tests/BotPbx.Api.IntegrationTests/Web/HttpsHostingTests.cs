using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.IntegrationTests.Web;

/// <summary>
/// HTTPS as install.sh sets it up (BOTPBX_TLS_CERT/KEY, HTTPS_PORT; Configuration/HttpsHosting.cs), on real sockets:
/// Kestrel with only the service's configuration and hosting code, no database.
/// </summary>
public sealed class HttpsHostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("botpbx-tls-").FullName;

    [Fact]
    public async Task With_a_certificate_the_service_speaks_HTTPS_and_plain_HTTP_only_redirects_to_it()
    {
        var (certFile, keyFile, thumbprint) = WriteCertificate();
        int httpPort = FreePort(), httpsPort = FreePort();
        await using var app = await StartAsync(new()
        {
            ["PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HTTPS_PORT"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BOTPBX_TLS_CERT"] = certFile,
            ["BOTPBX_TLS_KEY"] = keyFile,
        });
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
        using var client = new HttpClient(handler);

        using var redirected = await client.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/probe?x=1"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal(new Uri($"https://127.0.0.1:{httpsPort}/probe?x=1"), redirected.Headers.Location);

        using var post = await client.PostAsync(new Uri($"http://127.0.0.1:{httpPort}/probe"), new StringContent("secret"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, post.StatusCode);

        using var served = await client.GetAsync(new Uri($"https://127.0.0.1:{httpsPort}/probe"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("served", await served.Content.ReadAsStringAsync());

        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie);
        Assert.Equal(CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task The_certificate_install_sh_makes_with_openssl_is_served()
    {
        // The same command as installer/lib/tls.sh (_make_self_signed): EC P-256 key in PKCS#8 PEM, SAN with 127.0.0.1.
        var certFile = Path.Combine(_directory, "openssl.pem");
        var keyFile = Path.Combine(_directory, "openssl.key");
        var openssl = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("openssl")
        {
            ArgumentList = { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
                "-subj", "/CN=localhost/O=BotPBX", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", keyFile, "-out", certFile },
            RedirectStandardError = true,
        })!;
        await openssl.WaitForExitAsync();
        Assert.Equal(0, openssl.ExitCode);
        using var loaded = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        var thumbprint = loaded.Thumbprint;
        var httpsPort = FreePort();
        await using var app = await StartAsync(new()
        {
            ["PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HTTPS_PORT"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BOTPBX_TLS_CERT"] = certFile,
            ["BOTPBX_TLS_KEY"] = keyFile,
        });
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
        using var client = new HttpClient(handler);

        using var served = await client.GetAsync(new Uri($"https://127.0.0.1:{httpsPort}/probe"));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Without_a_certificate_the_service_speaks_plain_HTTP_as_before()
    {
        var httpPort = FreePort();
        await using var app = await StartAsync(new() { ["PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = new HttpClient();

        using var served = await client.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/probe"));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused_at_start_up_with_the_variable_named()
    {
        var (certFile, _, _) = WriteCertificate();

        var e = Assert.Throws<InvalidOperationException>(() => Build(new() { ["BOTPBX_TLS_CERT"] = certFile }));

        Assert.Contains("BOTPBX_TLS_KEY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_certificate_is_refused_at_start_up_with_its_path()
    {
        var missing = Path.Combine(_directory, "missing.pem");

        var e = Assert.Throws<InvalidOperationException>(() => Build(new() { ["BOTPBX_TLS_CERT"] = missing, ["BOTPBX_TLS_KEY"] = missing }));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var app = Build(settings);
        await app.StartAsync();
        return app;
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        settings["HOST"] = "127.0.0.1";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotPbxConfiguration();
        var app = builder.Build();
        app.UseHttpsOnly();
        app.MapGet("/probe", () => "served");
        app.MapPost("/probe", () => "served");
        return app;
    }

    /// <summary>A self-signed EC certificate as install.sh makes one (installer/lib/tls.sh), in PEM files.</summary>
    private (string Cert, string Key, string Thumbprint) WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=BotPBX", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(_directory, "asterisk.pem");
        var keyFile = Path.Combine(_directory, "asterisk.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile, certificate.Thumbprint);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

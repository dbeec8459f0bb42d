using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BotPbx.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API in memory against a real PostgreSQL database. Settings are passed the way an operator would pass
/// them (BOTPBX_DATABASE_URL, BOTPBX_ADMIN_PASSWORD, Auth:…). Every log line is captured for assertions.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>A test may pretend to come from another client address with this header (see <see cref="TestClientIpFilter"/>).</summary>
    public const string ClientIpHeader = "X-Test-Client-Ip";

    private readonly Dictionary<string, string?> _settings;

    public ApiFactory(string connectionString, IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BOTPBX_DATABASE_URL"] = connectionString,
            ["BOTPBX_ADMIN_EMAIL"] = AdminEmail,
            ["BOTPBX_ADMIN_PASSWORD"] = AdminPassword,
            ["BOTPBX_STATIC_DIR"] = Path.Combine(Path.GetTempPath(), "botpbx-no-spa"),
            // Generous defaults so tests that sign in often never meet the limiter; the rate-limit tests lower them.
            ["Auth:LoginAttemptsPerAccount"] = "1000",
            ["Auth:LoginAttemptsPerIp"] = "1000",
            ["Database:StartupTimeoutSeconds"] = "5",
            // Every test class runs its own API: the protocol servers listen on free loopback ports.
            ["AGI_HOST"] = "127.0.0.1",
            ["AGI_PORT"] = "0",
            ["AUDIOSOCKET_HOST"] = "127.0.0.1",
            ["AUDIOSOCKET_PORT"] = "0",
            // Asterisk's folders in a throw-away place: the service writes prompts there (its own at start-up).
            ["ASTERISK_SOUNDS"] = Path.Combine(AsteriskRoot, "sounds"),
            ["ASTERISK_SPOOL"] = Path.Combine(AsteriskRoot, "spool"),
            ["ASTERISK_RECORDING"] = Path.Combine(AsteriskRoot, "spool", "recording"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public LogCapture Logs { get; } = new();

    /// <summary>Stands in for /var/lib/asterisk and /var/spool/asterisk unless the test's settings say otherwise; deleted on dispose.</summary>
    public string AsteriskRoot { get; } = Path.Combine(Path.GetTempPath(), "botpbx-api-asterisk-" + Guid.NewGuid().ToString("N"));

    /// <summary>A setting as the service sees it (the test's own, or the default above).</summary>
    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(AsteriskRoot)) Directory.Delete(AsteriskRoot, recursive: true);
    }

    public static async Task<ApiFactory> StartAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var factory = new ApiFactory(connectionString, settings);
        // Building the server runs start-up (migrations, first admin, key ring) before the first request.
        await Task.Run(() => factory.Server);
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestClientIpFilter>());
    }

    public HttpClient Anonymous(string? clientIp = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        if (clientIp is not null) client.DefaultRequestHeaders.Add(ClientIpHeader, clientIp);
        return client;
    }

    /// <summary>Signs in and returns a client that sends the bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var login = await LoginAsync(email, password);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
        return client;
    }

    public Task<HttpClient> SignInAsAdminAsync() => SignInAsync(AdminEmail, AdminPassword);

    public async Task<LoginBody> LoginAsync(string email, string password)
    {
        using var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginBody>())!;
    }

    /// <summary>Creates a user through the API as the admin and returns a client signed in as that user.</summary>
    public async Task<(HttpClient Client, UserBody User)> CreateSignedInUserAsync(string role, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@example.test";
        const string password = "a-long-enough-password";
        using var admin = await SignInAsAdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/users", new { email, name = role + " user", role, password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await created.Content.ReadFromJsonAsync<UserBody>())!;
        return (await SignInAsync(email, password), user);
    }
}

/// <summary>Sets the connection's remote address from <see cref="ApiFactory.ClientIpHeader"/> (TestServer has none).</summary>
internal sealed class TestClientIpFilter : IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var header = context.Request.Headers[ApiFactory.ClientIpHeader].ToString();
            context.Connection.RemoteIpAddress = IPAddress.TryParse(header, out var ip) ? ip : IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

public sealed record LoginBody(string Token, DateTimeOffset ExpiresAt, MeBody User);

public sealed record MeBody(long Id, string Email, string Name, string Role);

public sealed record UserBody(long Id, string Email, string Name, string Role, bool Disabled, DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt, string? InitialPassword);

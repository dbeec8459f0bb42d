using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// The built BotPBX service (BotPbx.Api.dll) as a child process, configured through environment variables exactly as
/// install.sh writes /etc/botpbx/botpbx.env, and an administrator's HTTP client for its REST API.
/// </summary>
public sealed class BotPbxService : IAsyncDisposable
{
    public const string AdminEmail = "admin@calls.test";
    private readonly Dictionary<string, string> _environment;
    private readonly string _logFile;
    private Process? _process;
    private HttpClient? _http;

    public BotPbxService(Dictionary<string, string> environment, int port, string logFile)
    {
        _environment = environment;
        Port = port;
        _logFile = logFile;
        AdminPassword = "calls-" + Guid.NewGuid().ToString("N");
        _environment["BOTPBX_ADMIN_EMAIL"] = AdminEmail;
        _environment["BOTPBX_ADMIN_PASSWORD"] = AdminPassword;
        _environment["HOST"] = "127.0.0.1";
        _environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
    }

    public int Port { get; }
    public string AdminPassword { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http => _http ?? throw new InvalidOperationException("the service is not started");

    /// <summary>install.sh's render-only step: <c>BotPbx.Api.dll render-asterisk-config</c>.</summary>
    public async Task RenderAsteriskConfigAsync(CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(StartInfo("render-asterisk-config"))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var output = await stdout + await stderr;
        await File.AppendAllTextAsync(_logFile, output, cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException("render-asterisk-config failed: " + output);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var process = Process.Start(StartInfo())!;
        var log = new StreamWriter(_logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _http ??= new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("the service exited at start-up; see " + _logFile);
            try
            {
                using var response = await _http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, cancellationToken);
        }
        using var login = await _http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative),
            new { email = AdminEmail, password = AdminPassword }, cancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["token"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http?.Dispose();
    }

    // ---- REST helpers: every call checks the status and says what the API answered when it is not a success ----

    public async Task<JsonObject> PostAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        return await ReadAsync(response, "POST " + path, cancellationToken);
    }

    public async Task<JsonObject> PutAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        return await ReadAsync(response, "PUT " + path, cancellationToken);
    }

    public async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ReadAsync(response, "GET " + path, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.DeleteAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await ReadAsync(response, "DELETE " + path, cancellationToken);
    }

    /// <summary>Applies the saved configuration to Asterisk (the UI's Apply button) and checks that it worked.</summary>
    public async Task<JsonObject> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var report = await PostAsync("api/system/asterisk/reload", new { }, cancellationToken);
        if (report["success"]?.GetValue<bool>() != true) throw new InvalidOperationException("apply failed: " + report.ToJsonString());
        return report;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
        if (string.IsNullOrWhiteSpace(text)) return [];
        return JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["items"] = JsonNode.Parse(text) };
    }

    private ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BotPbx.Api.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in new[] { "BOTPBX_DATABASE_URL", "ConnectionStrings__BotPbx", "ASPNETCORE_URLS" }) info.Environment.Remove(name);
        foreach (var (key, value) in _environment) info.Environment[key] = value;
        return info;
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>Runs the built service (BotPbx.Api.dll) as a child process, the way the installer does.</summary>
public static class ApiProcess
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs until the process exits (bounded); for start-ups that are expected to fail.</summary>
    /// <param name="arguments">Command-line arguments after the dll, e.g. a one-shot command such as render-asterisk-config.</param>
    public static async Task<Result> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan limit, params string[] arguments)
    {
        var startInfo = StartInfo(environment, FreePort());
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"the service did not exit within {limit}: {await stdout}{await stderr}");
        }
        return new Result(process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Starts the service on a free loopback port and waits (bounded) until /api/health answers; the caller kills it
    /// by disposing the returned process.
    /// </summary>
    public static async Task<(Process Process, int Port)> StartAsync(IDictionary<string, string> environment, TimeSpan limit)
    {
        var port = FreePort();
        var process = Process.Start(StartInfo(environment, port))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"));
                if (response.StatusCode == HttpStatusCode.OK) return (process, port);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the poll's 5 s (a loaded CI machine).
            }
            await Task.Delay(200);
        }
        Stop(process);
        throw new InvalidOperationException($"the service did not become healthy on port {port} within {limit}");
    }

    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IDictionary<string, string> environment, int port)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BotPbx.Api.dll"));
        foreach (var name in new[] { "BOTPBX_DATABASE_URL", "BOTPBX_ADMIN_EMAIL", "BOTPBX_ADMIN_PASSWORD", "ConnectionStrings__BotPbx" })
        {
            startInfo.Environment.Remove(name);
        }
        startInfo.Environment["HOST"] = "127.0.0.1";
        startInfo.Environment["PORT"] = port.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["BOTPBX_STATIC_DIR"] = Path.Combine(Path.GetTempPath(), "botpbx-no-spa");
        // Several API processes run at once in these tests: let each protocol server pick a free port.
        startInfo.Environment["AGI_PORT"] = "0";
        startInfo.Environment["AUDIOSOCKET_PORT"] = "0";
        foreach (var (key, value) in environment) startInfo.Environment[key] = value;
        return startInfo;
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

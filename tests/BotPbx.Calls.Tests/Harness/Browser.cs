using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Audio;
using BotPbx.TestSupport;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A headless chromium (Debian's, through Playwright) driven from a test: <c>tests/e2e/harness/browser-driver.mjs</c>
/// run with node, one JSON command per line. It opens the SPA the BotPBX service under test serves, with chromium's
/// fake media devices: its microphone plays <see cref="Options.ToneHz"/> (or a wav), so a browser phone can be heard
/// by real phones. Page console output is kept in <c>browsers/NAME/browser.log</c> under the run's work folder.
/// Needs <c>tests/e2e/node_modules</c> (npm ci) and a built SPA (<c>frontend/dist</c>): see <see cref="Requirements"/>.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _nextId;

    private Browser(string name, string directory, Process process, StreamWriter log)
    {
        Name = name;
        Directory = directory;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    /// <summary>The browser's own folder: its microphone wav, its log, screenshots a test takes.</summary>
    public string Directory { get; }

    public sealed record Options
    {
        public required string Name { get; init; }
        /// <summary>The tone the fake microphone plays (8 kHz wav, looped) when <see cref="SayWav"/> is null.</summary>
        public double ToneHz { get; init; } = 660;
        public string? SayWav { get; init; }
    }

    /// <summary>The SPA the service serves to browsers (BOTPBX_STATIC_DIR), built by <c>npm run build</c>.</summary>
    public static string SpaDirectory => RepositoryFile.Path("frontend/dist");

    /// <summary>Why a browser cannot run here, or null when it can (the SPA is built and Playwright is installed).</summary>
    public static string? Requirements()
    {
        if (!File.Exists(Path.Combine(SpaDirectory, "index.html"))) return "frontend/dist is missing: run `npm ci && npm run build` in frontend/";
        if (!System.IO.Directory.Exists(RepositoryFile.Path("tests/e2e/node_modules/@playwright/test")))
            return "tests/e2e/node_modules is missing: run `npm ci` in tests/e2e/";
        return null;
    }

    public static async Task<Browser> StartAsync(string workDirectory, Uri baseAddress, Options options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(options);
        if (Requirements() is { } missing) throw new InvalidOperationException("no browser: " + missing);
        var dir = Path.Combine(workDirectory, "browsers", options.Name + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(dir);
        var say = Path.Combine(dir, "say.wav");
        if (options.SayWav is { } wav) File.Copy(wav, say);
        else Wav.Write(say, Tones.Sine(options.ToneHz, TimeSpan.FromSeconds(30)));

        var script = RepositoryFile.Path("tests/e2e/harness/browser-driver.mjs");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // node resolves @playwright/test from the script's folder upwards: tests/e2e/node_modules.
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--base");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.ArgumentList.Add("--audio");
        info.ArgumentList.Add(say);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var log = new StreamWriter(Path.Combine(dir, "browser.log"), append: true) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        var browser = new Browser(options.Name, dir, process, log);
        try
        {
            // The driver says "ready" once chromium is up; a cold start on a busy machine takes a few seconds.
            var ready = await browser.ReadReplyAsync(0, TimeSpan.FromSeconds(60), cancellationToken);
            if (ready?.ToString() != "ready") throw new InvalidOperationException("browser driver did not start: " + ready);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    /// <summary>Signs in through the API (the session cookie lands in the page) and opens the SPA's start page.</summary>
    public Task LoginAsync(string email, string password, CancellationToken cancellationToken = default) =>
        SendAsync("login", new JsonObject { ["email"] = email, ["password"] = password }, TimeSpan.FromSeconds(60), cancellationToken);

    public Task GotoAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync("goto", new JsonObject { ["path"] = path }, TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Evaluates a JavaScript expression in the page (a promise is awaited) and returns its JSON value.</summary>
    public Task<JsonNode?> EvalAsync(string expression, CancellationToken cancellationToken = default) =>
        SendAsync("eval", new JsonObject { ["expression"] = expression }, TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Waits for a Playwright selector (<c>role=button[name="Call"]</c>, <c>text=…</c>, CSS) to reach <paramref name="state"/>.</summary>
    public Task WaitForAsync(string selector, TimeSpan? timeout = null, string state = "visible", CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        return SendAsync("waitFor", new JsonObject { ["selector"] = selector, ["state"] = state, ["timeoutMs"] = (int)limit.TotalMilliseconds },
            limit + TimeSpan.FromSeconds(15), cancellationToken);
    }

    public Task ClickAsync(string selector, CancellationToken cancellationToken = default) =>
        SendAsync("click", new JsonObject { ["selector"] = selector }, TimeSpan.FromSeconds(30), cancellationToken);

    public Task FillAsync(string selector, string value, CancellationToken cancellationToken = default) =>
        SendAsync("fill", new JsonObject { ["selector"] = selector, ["value"] = value }, TimeSpan.FromSeconds(30), cancellationToken);

    public async Task<string> TextAsync(string selector, CancellationToken cancellationToken = default) =>
        (await SendAsync("text", new JsonObject { ["selector"] = selector }, TimeSpan.FromSeconds(30), cancellationToken))?.ToString() ?? "";

    public async Task<int> CountAsync(string selector, CancellationToken cancellationToken = default) =>
        (await SendAsync("count", new JsonObject { ["selector"] = selector }, TimeSpan.FromSeconds(30), cancellationToken))?.GetValue<int>() ?? 0;

    /// <summary>Saves a PNG of the page; a relative path is put in the browser's folder. Returns the full path.</summary>
    public async Task<string> ScreenshotAsync(string path, bool fullPage = false, CancellationToken cancellationToken = default)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await SendAsync("screenshot", new JsonObject { ["path"] = full, ["fullPage"] = fullPage }, TimeSpan.FromSeconds(30), cancellationToken);
        return full;
    }

    /// <summary>Sends one command and returns its result; a failed command throws with the driver's message.</summary>
    public async Task<JsonNode?> SendAsync(string command, JsonObject arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var id = Interlocked.Increment(ref _nextId);
            arguments["id"] = id;
            arguments["cmd"] = command;
            await _process.StandardInput.WriteLineAsync(arguments.ToJsonString().AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            return await ReadReplyAsync(id, timeout, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonNode?> ReadReplyAsync(int id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"browser {Name}: no answer to command {id} within {timeout} (see {Directory}/browser.log)");
            }
            if (line is null) throw new InvalidOperationException($"browser {Name}: the driver exited (see {Directory}/browser.log)");
            JsonObject? reply;
            try
            {
                reply = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                lock (_log) _log.WriteLine("[stdout] " + line);
                continue;
            }
            if (reply?["id"]?.GetValue<int>() != id) continue;
            if (reply["ok"]?.GetValue<bool>() == true) return reply["result"]?.DeepClone();
            throw new InvalidOperationException($"browser {Name}: {reply["error"]}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("""{"id":-2,"cmd":"close"}""");
                await _process.StandardInput.FlushAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (IOException)
        {
            // The driver is already gone (its stdin closed).
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
        _gate.Dispose();
    }
}

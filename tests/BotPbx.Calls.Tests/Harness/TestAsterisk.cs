using System.Diagnostics;
using System.Globalization;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// One real Asterisk 22 for the test run, set up the way install.sh sets up a machine: Debian's sample configuration,
/// BotPBX's base files from asterisk-templates/ on top, and BotPBX's generated botpbx/*.conf included by them. Every
/// folder lives under the work folder (bound into the root at the same path) and every port is a free loopback port,
/// so a BotPBX installed on the same machine is never disturbed.
/// </summary>
public sealed class TestAsterisk : IAsyncDisposable
{
    private readonly AsteriskRoot _root;
    private Process? _process;

    public TestAsterisk(AsteriskRoot root, string workDirectory, int amiPort, int httpPort)
    {
        _root = root;
        WorkDirectory = workDirectory;
        AmiPort = amiPort;
        HttpPort = httpPort;
    }

    public string WorkDirectory { get; }
    public int AmiPort { get; }
    public int HttpPort { get; }
    public string EtcDirectory => Path.Combine(WorkDirectory, "etc");
    public string SpoolDirectory => Path.Combine(WorkDirectory, "spool");
    public string LogDirectory => Path.Combine(WorkDirectory, "log");
    public string ConfigFile => Path.Combine(EtcDirectory, "asterisk.conf");
    public string ConsoleLog => Path.Combine(LogDirectory, "console.log");

    /// <summary>Writes asterisk.conf and the base files; BotPBX renders botpbx/ itself.</summary>
    public void Prepare()
    {
        foreach (var dir in new[] { "etc", "etc/botpbx", "run", "log", "log/cdr-csv", "log/cdr-custom", "spool", "lib", "cache", "keys/keys" })
        {
            Directory.CreateDirectory(Path.Combine(WorkDirectory, dir));
        }
        // Debian's sample configuration, as the package installs it in /etc/asterisk.
        CopyDirectory(Path.Combine(_root.Path, "etc/asterisk"), EtcDirectory);
        // BotPBX's base files over it, as installer/asterisk.sh installs them.
        var templates = Path.Combine(AsteriskRoot.RepositoryRoot(), "asterisk-templates");
        foreach (var template in Directory.GetFiles(templates, "*.conf"))
        {
            var text = File.ReadAllText(template);
            // The one port a base file fixes: AMI's. Everything else comes from BotPBX's settings.
            if (Path.GetFileName(template) == "manager.conf")
            {
                text = text.Replace("port=5038", "port=" + AmiPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
            File.WriteAllText(Path.Combine(EtcDirectory, Path.GetFileName(template)), text);
        }
        File.WriteAllText(ConfigFile, AsteriskConf());
    }

    private string AsteriskConf()
    {
        var w = WorkDirectory;
        // Debian's asterisk.conf marks [directories] as a template, "(!)", which Asterisk ignores (ASTERISK.md): ours
        // is a real section. Sounds and modules stay where the package put them inside the root.
        return $"""
            [directories]
            astcachedir => {w}/cache
            astetcdir => {w}/etc
            astmoddir => /usr/lib/x86_64-linux-gnu/asterisk/modules
            astvarlibdir => /var/lib/asterisk
            astdbdir => {w}/lib
            astkeydir => {w}/keys
            astdatadir => /usr/share/asterisk
            astagidir => /usr/share/asterisk/agi-bin
            astspooldir => {w}/spool
            astrundir => {w}/run
            astlogdir => {w}/log
            astsbindir => /usr/sbin

            [options]
            verbose = 3
            debug = 0
            """;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _process = _root.Start([WorkDirectory], ["/usr/sbin/asterisk", "-f", "-C", ConfigFile], ConsoleLog);
        await WaitFullyBootedAsync(cancellationToken);
    }

    /// <summary>A CLI command through Asterisk's control socket (<c>asterisk -rx</c>), as an operator would type it.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(string command, TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        _root.RunAsync([WorkDirectory], ["/usr/sbin/asterisk", "-C", ConfigFile, "-rx", command], limit ?? TimeSpan.FromSeconds(20),
            cancellationToken);

    public async Task<string> CliOutputAsync(string command, CancellationToken cancellationToken = default)
    {
        var (code, output) = await CliAsync(command, null, cancellationToken);
        if (code != 0) throw new InvalidOperationException($"asterisk -rx '{command}' failed ({code}): {output}");
        return output;
    }

    public bool IsRunning => _process is { HasExited: false };

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            try
            {
                await CliAsync("core stop now", TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Killed below.
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Restarts Asterisk the way an operator does (<c>core restart now</c>; the process re-executes itself) and waits
    /// until it has booted again.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await CliAsync("core restart now", null, cancellationToken);
        await Task.Delay(500, cancellationToken);
        await WaitFullyBootedAsync(cancellationToken);
    }

    private async Task WaitFullyBootedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException("Asterisk exited; see " + ConsoleLog);
            var (code, _) = await CliAsync("core waitfullybooted", TimeSpan.FromSeconds(20), cancellationToken);
            if (code == 0) return;
            await Task.Delay(300, cancellationToken);
        }
        throw new TimeoutException("Asterisk did not finish booting within 90 s; see " + ConsoleLog);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

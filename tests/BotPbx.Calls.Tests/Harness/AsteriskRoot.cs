using System.Diagnostics;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// The Debian sid root that holds Debian's Asterisk 22, baresip, SIPp, flite, sox and pocketsphinx. ./test.sh makes
/// it (installer/lib/asterisk-root.sh, the installer's own mechanism) and exports its path as BOTPBX_ASTERISK_ROOT.
/// Programs run chrooted in it, in a private mount namespace where the test's work folder has the same path inside as
/// outside, so files BotPBX writes are where Asterisk looks.
/// </summary>
public sealed class AsteriskRoot
{
    public const string EnvironmentVariable = "BOTPBX_ASTERISK_ROOT";

    private readonly string _script;

    private AsteriskRoot(string path, string script)
    {
        Path = path;
        _script = script;
    }

    public string Path { get; }

    public static AsteriskRoot Locate()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(System.IO.Path.Combine(path, "usr/sbin/asterisk")))
        {
            // Never a silent skip: a PBX test run without a PBX proves nothing (issue "Real Asterisk in the loop").
            throw new InvalidOperationException(
                $"{EnvironmentVariable} does not name an Asterisk root ('{path}'). Run the tests through ./test.sh, which " +
                "makes the root with installer/lib/asterisk-root.sh.");
        }
        return new AsteriskRoot(path, System.IO.Path.Combine(RepositoryRoot(), "installer/lib/asterisk-root.sh"));
    }

    /// <summary>Starts <paramref name="command"/> in the root with <paramref name="binds"/> visible at the same paths.</summary>
    public Process Start(IEnumerable<string> binds, IReadOnlyList<string> command, string? logFile = null)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        AddCommand(info, binds, command);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        // Appended line by line (never held open), so output that arrives after the process ended is still kept.
        void Log(string? line)
        {
            if (line is null || logFile is null) return;
            try
            {
                lock (process) File.AppendAllText(logFile, line + "\n");
            }
            catch (IOException)
            {
                // The work folder was removed under a running program (a clean-up by another run): an exception
                // here, on the process's reader thread, would crash the whole test host instead of failing one test.
            }
        }
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a command in the root to its end (bounded) and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> binds, IReadOnlyList<string> command,
        TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        AddCommand(info, binds, command);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            // The caller's own cancellation is reported as such; only the limit running out is a timeout.
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{string.Join(' ', command)}' did not finish within {limit}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private void AddCommand(ProcessStartInfo info, IEnumerable<string> binds, IReadOnlyList<string> command)
    {
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("source \"$0\"; root=$1; binds=$2; shift 2; asterisk_root_exec \"$root\" \"$binds\" -- \"$@\"");
        info.ArgumentList.Add(_script);
        info.ArgumentList.Add(Path);
        info.ArgumentList.Add(string.Join(' ', binds));
        foreach (var argument in command) info.ArgumentList.Add(argument);
    }

    /// <summary>The checkout: the folder above tests/ that holds installer/.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "installer/lib/asterisk-root.sh"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the checkout (installer/lib/asterisk-root.sh) above " + AppContext.BaseDirectory);
    }
}

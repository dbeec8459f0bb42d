using System.Diagnostics;

namespace BotPbx.Voice.Providers;

/// <summary>
/// Starts a local engine (flite, pocketsphinx) with an argument list, never a shell line: text a caller or a model
/// produced is one argument and cannot become a command. Killed with its process tree when cancelled.
/// </summary>
internal static class LocalProcess
{
    public static Process Start(string path, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"{path} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{path} could not be started ({e.Message}); is its Debian package installed?", e);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }
    }
}

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// Counts baresip phones that died of a segmentation fault. Debian's baresip 1.1.0 rarely crashes when a call's audio
/// starts or stops (a null handler called from its aufile module's thread while the main thread opens the file; seen
/// about once in a few thousand phone calls on a loaded machine). That is the test phone failing, not the PBX:
/// <see cref="CallFactAttribute"/> runs a test once more when a phone crashed during it.
/// </summary>
public static class PhoneCrashes
{
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    /// <summary>The shell that ran baresip reports the signal in the phone's log ("Segmentation fault (core dumped)").</summary>
    public static void CheckLog(string logFile)
    {
        try
        {
            if (File.Exists(logFile) && File.ReadAllText(logFile).Contains("Segmentation fault", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }
        catch (IOException)
        {
            // The work folder went away; nothing to count.
        }
    }
}

namespace BotPbx.Api.Features.Monitoring;

/// <summary>
/// Seed 003's three monitoring modes and the ChanSpy options that give them, as measured on real calls (DESIGN.md):
/// <c>q</c> no beep or announcement, <c>E</c> end when the spied channel hangs up, <c>w</c> whisper (only the spied
/// channel hears the supervisor), <c>B</c> barge (both parties do). <c>d</c> makes the digits 4/5/6 switch between the
/// three during the session instead of choosing another channel to spy on (app_chanspy.c, option d).
/// </summary>
public static class MonitorModes
{
    public const string Listen = "listen";
    public const string Whisper = "whisper";
    public const string Barge = "barge";

    public static readonly IReadOnlyList<string> All = [Listen, Whisper, Barge];

    public static bool IsValid(string? mode) => mode is not null && All.Contains(mode, StringComparer.Ordinal);

    /// <summary>ChanSpy's options for a session that starts in <paramref name="mode"/>.</summary>
    public static string ChanSpyOptions(string mode) => mode switch
    {
        Whisper => "qwEd",
        Barge => "qBEd",
        _ => "qEd",
    };

    /// <summary>The digit that switches a running ChanSpy (with d) into <paramref name="mode"/>.</summary>
    public static char Digit(string mode) => mode switch
    {
        Whisper => '5',
        Barge => '6',
        _ => '4',
    };
}

namespace BotPbx.Telephony.Apply;

/// <summary>Which Asterisk module reads which generated file, and the order reloads run in.</summary>
public static class ReloadPlan
{
    /// <summary>
    /// Module names as AMI <c>Reload</c> takes them. Order: SIP first (endpoints must exist before the dialplan
    /// dials them), then the dialplan and the applications it calls, then the management interfaces last so the
    /// AMI session doing the apply is disturbed only at the end.
    /// </summary>
    public static IReadOnlyList<(string File, string Module)> Modules { get; } =
    [
        ("pjsip.conf", "res_pjsip.so"),
        ("rtp.conf", "res_rtp_asterisk.so"),
        ("musiconhold.conf", "res_musiconhold.so"),
        ("voicemail.conf", "app_voicemail.so"),
        ("queues.conf", "app_queue.so"),
        ("confbridge.conf", "app_confbridge.so"),
        ("features.conf", "features"),
        ("extensions.conf", "pbx_config.so"),
        ("cdr_pgsql.conf", "cdr_pgsql.so"),
        ("http.conf", "http"),
        ("ari.conf", "res_ari.so"),
        ("manager.conf", "manager"),
    ];

    public static IReadOnlyList<string> ModulesFor(IEnumerable<string> changedFiles)
    {
        var changed = changedFiles.ToHashSet(StringComparer.Ordinal);
        return Modules.Where(m => changed.Contains(m.File)).Select(m => m.Module).Distinct(StringComparer.Ordinal).ToList();
    }
}

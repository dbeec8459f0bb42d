using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// One block per extension in botpbx-extensions. Do-not-disturb and call forwarding come from the extension's
/// saved settings unless a phone changed them with a feature code: those write AstDB keys BOTPBX/&lt;ext&gt;/dnd, cfa,
/// cfb and cfn, and an existing key (even empty = cleared) wins over the saved value.
/// </summary>
internal static class ExtensionDialplan
{
    /// <summary>Forwarding hops allowed before a call goes to voicemail: stops forward loops (1001 → 1002 → 1001).</summary>
    public const int MaxHops = 8;

    public const string DndDefaultContext = "botpbx-dnd-on";

    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.Extensions);
        foreach (var e in index.Extensions) RenderOne(dp, e, index);
        // Forward targets come from AstDB too, which older versions filled with whatever followed *72: check them again.
        dp.Context("botpbx-forward", "a forwarded call: dialled with the forwarding extension's permissions")
            .Exten("_X.", Dialable.Guard("${EXTEN}")).Same("Goto(" + DialplanContexts.Internal + ",${EXTEN},1)")
            .Exten("_+X.", Dialable.Guard("${EXTEN}")).Same("Goto(" + DialplanContexts.Internal + ",${EXTEN},1)");
        // Extensions that have a browser phone; botpbx-device checks it before it asks for the browser's contacts.
        dp.Context(BrowserPhones.Context);
        foreach (var e in index.Extensions.Where(BrowserPhones.Has)) dp.Exten(Dialplan.T(e.Number), "NoOp()");
        // Extensions whose saved setting is do-not-disturb; botpbx-device falls back to this when AstDB has no key.
        dp.Context(DndDefaultContext);
        foreach (var e in index.Extensions.Where(e => e.DoNotDisturb)) dp.Exten(Dialplan.T(e.Number), "NoOp()");
    }

    private static void RenderOne(Dialplan dp, Extension e, RenderIndex index)
    {
        var n = Dialplan.T(e.Number);
        var dialOptions = e.Recording == RecordingPolicy.OnDemand ? "xX" : "";
        var browser = BrowserPhones.Has(e);
        // The hint covers the browser phone too, so presence shows "in use" whichever device has the call.
        dp.Blank().Hint(n, browser ? ["PJSIP/" + n, "PJSIP/" + BrowserPhones.Endpoint(n)] : ["PJSIP/" + n]);
        dp.Exten(n, "Set(__BOTPBX_HOPS=$[0${BOTPBX_HOPS}+1])")
            .Same($"GotoIf($[${{BOTPBX_HOPS}}>{MaxHops}]?vm)")
            .Same($"GotoIf($[\"{Stored(n, "dnd", e.DoNotDisturb ? "1" : "0")}\"=\"1\"]?vm)")
            .Same($"Set(FWD={Stored(n, "cfa", e.Forwarding.Always)})")
            .Same("GotoIf($[\"${FWD}\"!=\"\"]?fwd)");
        if (!e.CallWaiting)
            dp.Same($"GotoIf($[\"${{DEVICE_STATE(PJSIP/{n})}}\"=\"INUSE\"|\"${{DEVICE_STATE(PJSIP/{n})}}\"=\"BUSY\"]?busy)");
        dp.Same($"Set(CONTACTS=${{PJSIP_DIAL_CONTACTS({n})}})");
        if (browser) AddBrowserContacts(dp, BrowserPhones.Endpoint(n));
        dp.Same("GotoIf($[\"${CONTACTS}\"=\"\"]?noanswer)");
        if (e.Recording == RecordingPolicy.Always) dp.Same(Recording.MixMonitor(index.Options)).Same(CallLogVariables.Recording);
        dp.Same($"Dial(${{CONTACTS}},{RenderIndex.Num(e.RingTimeoutSeconds)},{dialOptions})")
            .Same("ExecIf($[\"${DIALSTATUS}\"=\"ANSWER\"]?Hangup())")
            .Same("GotoIf($[\"${DIALSTATUS}\"=\"BUSY\"]?busy)")
            .Same($"Set(FWD={Stored(n, "cfn", e.Forwarding.NoAnswer)})", "noanswer")
            .Same("GotoIf($[\"${FWD}\"!=\"\"]?fwd)");
        if (e.FollowMe.Count > 0)
        {
            // Follow-me numbers are dialled as if this extension dialled them (its routes, its caller ID).
            dp.Same($"Set(__BOTPBX_EXT={n})");
            foreach (var step in e.FollowMe)
            {
                // Another extension rings its devices only (its own voicemail must not answer); anything else goes out.
                var context = index.ExtensionNumbers.Contains(step.Number) ? "botpbx-device" : DialplanContexts.Outbound;
                dp.Same($"Dial(Local/{Dialplan.T(step.Number)}@{context}/n,{RenderIndex.Num(step.RingSeconds)},{dialOptions})")
                    .Same("ExecIf($[\"${DIALSTATUS}\"=\"ANSWER\"]?Hangup())");
            }
        }
        dp.Same(e.Voicemail.Enabled ? $"VoiceMail({n}@{DialplanContexts.Mailboxes},u)" : "Hangup(19)", "vm")
            .Same("Hangup()")
            .Same($"Set(FWD={Stored(n, "cfb", e.Forwarding.Busy)})", "busy")
            .Same("GotoIf($[\"${FWD}\"!=\"\"]?fwd)")
            .Same(e.Voicemail.Enabled ? $"VoiceMail({n}@{DialplanContexts.Mailboxes},b)" : "Busy(5)")
            .Same("Hangup()")
            .Same($"Set(__BOTPBX_EXT={n})", "fwd")
            // A stored target with a , or ) would rewrite Goto's arguments: refuse it before it is used.
            .Same(Dialable.Guard("${FWD}"))
            .Same("Goto(botpbx-forward,${FWD},1)");
    }

    /// <summary>
    /// Appends the browser phone's registered contacts to CONTACTS with an '&amp;' only between two non-empty lists.
    /// IF() is given only the comparison's 0/1, never a contact: a contact's ':' would split IF's arguments.
    /// </summary>
    public static void AddBrowserContacts(Dialplan dp, string endpoint) =>
        dp.Same($"Set(WEB=${{PJSIP_DIAL_CONTACTS({endpoint})}})")
            .Same("Set(CONTACTS=${CONTACTS}${IF($[\"${CONTACTS}\"!=\"\" & \"${WEB}\"!=\"\"]?&)}${WEB})");

    /// <summary>The run-time AstDB value when the key exists, else the saved default.</summary>
    private static string Stored(string number, string key, string fallback) =>
        $"${{IF(${{DB_EXISTS(BOTPBX/{number}/{key})}}?${{DB_RESULT}}:{(fallback.Length == 0 ? "" : Dialplan.T(fallback))})}}";
}

internal static class Recording
{
    /// <summary>MixMonitor into the recording root, one file per call leg, named by the channel's unique id.</summary>
    public static string MixMonitor(RenderOptions options) =>
        $"MixMonitor({Dialplan.T(options.RecordingRoot)}/${{STRFTIME(${{EPOCH}},,%Y%m%d)}}-${{UNIQUEID}}.wav,b)";
}

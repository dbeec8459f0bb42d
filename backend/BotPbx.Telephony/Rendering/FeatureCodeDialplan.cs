using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// botpbx-features: star codes dialled from phones. The caller is identified by BOTPBX_EXT, which the endpoint sets
/// (pjsip set_var), never by the caller-ID number a phone could fake. Run-time state lives in AstDB BOTPBX/&lt;ext&gt;/….
/// </summary>
internal static class FeatureCodeDialplan
{
    public static void Render(Dialplan dp, RenderIndex index)
    {
        var c = index.Configuration.FeatureCodes;
        dp.Context("botpbx-features");
        Code(dp, c.VoicemailOwn, "VoiceMailMain(${BOTPBX_EXT}@" + DialplanContexts.Mailboxes + ")");
        Code(dp, c.VoicemailAny, "VoiceMailMain(@" + DialplanContexts.Mailboxes + ")");
        Code(dp, c.DndToggle,
            "Set(DB(BOTPBX/${BOTPBX_EXT}/dnd)=${IF($[\"${DB(BOTPBX/${BOTPBX_EXT}/dnd)}\"=\"1\"]?0:1)})",
            "Playback(do-not-disturb&${IF($[\"${DB(BOTPBX/${BOTPBX_EXT}/dnd)}\"=\"1\"]?activated:de-activated)})");
        Forward(dp, c.ForwardAlwaysSet, c.ForwardAlwaysClear, "cfa", "call-fwd-unconditional");
        Forward(dp, c.ForwardBusySet, c.ForwardBusyClear, "cfb", "call-fwd-on-busy");
        Forward(dp, c.ForwardNoAnswerSet, c.ForwardNoAnswerClear, "cfn", "call-fwd-no-ans");
        foreach (var q in index.Queues.Where(q => q.AllowDynamicMembers))
        {
            var number = Dialplan.T(q.Number);
            // Same interface and state interface as static members, so a logged-in phone is rung the same way.
            Code(dp, c.QueueLogin + number,
                $"AddQueueMember({number},Local/${{BOTPBX_EXT}}@botpbx-device/n,0,,${{BOTPBX_EXT}},PJSIP/${{BOTPBX_EXT}})",
                "Playback(agent-loginok)");
            Code(dp, c.QueueLogout + number,
                $"RemoveQueueMember({number},Local/${{BOTPBX_EXT}}@botpbx-device/n)",
                "Playback(agent-loggedoff)");
        }
    }

    private static void Forward(Dialplan dp, string setCode, string clearCode, string key, string prompt)
    {
        // *72 followed by the number. The pattern's "." admits any character after the first digit (*721&PJSIP/2101),
        // so the whole extension is checked before anything is stored: AstDB holds only dialable characters.
        dp.Exten("_" + Dialplan.T(setCode) + "X.", Dialable.Guard("${EXTEN}"))
            .Same("Answer()")
            .Same("GotoIf($[\"${BOTPBX_EXT}\"=\"\"]?end)")
            .Same($"Set(DB(BOTPBX/${{BOTPBX_EXT}}/{key})=${{EXTEN:{RenderIndex.Num(setCode.Length)}}})")
            .Same($"Playback({prompt}&activated)")
            .Same("Hangup()", "end");
        Code(dp, clearCode, $"Set(DB(BOTPBX/${{BOTPBX_EXT}}/{key})=)", $"Playback({prompt}&de-activated)");
    }

    private static void Code(Dialplan dp, string code, params string[] apps)
    {
        dp.Exten(Dialplan.T(code), "Answer()")
            .Same("GotoIf($[\"${BOTPBX_EXT}\"=\"\"]?end)")
            .SameAll(apps)
            .Same("Hangup()", "end");
    }
}

using BotPbx.Telephony.Sounds;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// Outbound campaign calls (docs/campaigns.md). The dialer originates <c>PJSIP/&lt;number&gt;@&lt;trunk&gt;</c> into
/// botpbx-campaign,s,1 with channel variables; nothing campaign-specific is rendered, so a campaign never needs an
/// apply. The variables come from the API's validated settings (digits, ids, AMD integers, BotPBX's own sound paths):
/// <list type="bullet">
/// <item>BOTPBX_CAMPAIGN_ATTEMPT — the attempt id (also the channel's Uniqueid), 32 hex digits, filtered to them before use;</item>
/// <item>BOTPBX_CAMPAIGN_AMD — 1 when AMD is on; BOTPBX_AMD_1…9 its nine arguments (one variable each: AMI's
/// Originate splits a Variable header on commas, so a list cannot travel in one);</item>
/// <item>BOTPBX_CAMPAIGN_DEST — where a person goes: Q&lt;queue&gt;, E&lt;extension&gt;, A&lt;agent id&gt;, I&lt;ivr id&gt;;</item>
/// <item>BOTPBX_CAMPAIGN_QUEUE — the queue whose free members decide abandonment (empty: never abandoned);</item>
/// <item>BOTPBX_CAMPAIGN_VM — the message left after the beep, empty to hang up on a machine.</item>
/// </list>
/// Every outcome is written to AstDB (botpbx-campaign/&lt;attempt&gt;/…) before it is announced with a UserEvent:
/// the event is how the dialer learns it at once, AstDB is how a restarted dialer learns what it missed.
/// The <c>failed</c> extension is Asterisk's for an Originate that did not connect (pbx_outgoing: it runs on a
/// channel carrying the Originate's variables, with REASON set).
/// </summary>
internal static class CampaignDialplan
{
    public const string Context = DialplanContexts.Campaign;
    private const string Db = "DB(botpbx-campaign/${ATTEMPT}";

    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(Context, "outbound campaign calls: AMD, then the destination or the voicemail message");
        dp.Exten("s", "Set(ATTEMPT=${FILTER(0-9a-f,${BOTPBX_CAMPAIGN_ATTEMPT})})")
            .Same("Set(CHANNEL(hangup_handler_push)=botpbx-campaign-end,s,1)")
            .Same($"Set({Db}/answered)=${{EPOCH}})")
            .Same("GotoIf($[\"${BOTPBX_CAMPAIGN_AMD}\"=\"\"]?human)")
            .Same("AMD(" + string.Join(",", Enumerable.Range(1, 9).Select(i => "${BOTPBX_AMD_" + i + "}")) + ")")
            // NOTSURE counts as a person: a person hearing silence hangs up, a machine merely records it.
            .Same("GotoIf($[\"${AMDSTATUS}\"=\"MACHINE\"]?machine)")
            .Same("Set(OUTCOME=human)", "human")
            .Same("GotoIf($[\"${BOTPBX_CAMPAIGN_QUEUE}\"=\"\"]?report)")
            // Nobody free to take the person: drop now rather than hold them in silence (an abandoned call, counted).
            .Same("ExecIf($[${QUEUE_MEMBER(${BOTPBX_CAMPAIGN_QUEUE},free)}<1]?Set(OUTCOME=abandoned))")
            .Same($"Set({Db}/outcome)=${{OUTCOME}}|${{AMDSTATUS}}|${{AMDCAUSE}})", "report")
            .Same("UserEvent(BotPbxCampaign,Attempt: ${ATTEMPT},Outcome: ${OUTCOME},AmdStatus: ${AMDSTATUS},AmdCause: ${AMDCAUSE})")
            .Same("GotoIf($[\"${OUTCOME}\"=\"abandoned\"]?hangup)")
            .Same("Goto(botpbx-campaign-dest,${BOTPBX_CAMPAIGN_DEST},1)")
            .Same("Set(OUTCOME=machine)", "machine")
            .Same($"Set({Db}/outcome)=machine|${{AMDSTATUS}}|${{AMDCAUSE}})")
            .Same("UserEvent(BotPbxCampaign,Attempt: ${ATTEMPT},Outcome: machine,AmdStatus: ${AMDSTATUS},AmdCause: ${AMDCAUSE})")
            .Same("GotoIf($[\"${BOTPBX_CAMPAIGN_VM}\"=\"\"]?hangup)")
            // The greeting is still playing when AMD decides: wait for the silence after the beep (1 s of it, 20 s at most).
            .Same("WaitForSilence(1000,1,20)")
            .Same("Playback(${BOTPBX_CAMPAIGN_VM})")
            .Same("Hangup()", "hangup");
        dp.Exten("failed", "Set(ATTEMPT=${FILTER(0-9a-f,${BOTPBX_CAMPAIGN_ATTEMPT})})")
            .Same($"Set({Db}/failed)=${{REASON}})")
            .Same("Hangup()");

        dp.Context("botpbx-campaign-end", "hang-up handler of a campaign call: the end, its cause and the disposition");
        dp.Exten("s", $"Set({Db}/end)=${{HANGUPCAUSE}}|${{FILTER(a-z0-9_,${{BOTPBX_DISPOSITION}})}})")
            .Same("UserEvent(BotPbxCampaignEnd,Attempt: ${ATTEMPT},Cause: ${HANGUPCAUSE},Disposition: ${FILTER(a-z0-9_,${BOTPBX_DISPOSITION})})")
            .Same("Return()");

        // One extension per possible destination, no wildcards: the code is checked against the PBX's own objects, so a
        // value that names nothing reaches `i` instead of a Goto built from it.
        dp.Context("botpbx-campaign-dest", "a person who answered a campaign call, by destination kind and object");
        foreach (var q in index.Queues)
            dp.Exten("Q" + Dialplan.T(q.Number), $"Goto({DialplanContexts.Queues},{Dialplan.T(q.Number)},1)");
        foreach (var e in index.ExtensionsById.Values.OrderBy(e => e.Number, StringComparer.Ordinal))
            dp.Exten("E" + Dialplan.T(e.Number), $"Goto({DialplanContexts.Extensions},{Dialplan.T(e.Number)},1)");
        foreach (var agent in index.Configuration.AiAgentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            dp.Exten("A" + Dialplan.T(agent), $"Goto({DialplanContexts.AiAgents},{Dialplan.T(agent)},1)");
        foreach (var ivr in index.Configuration.IvrIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            dp.Exten("I" + Dialplan.T(ivr), "Answer()").Same($"AGI({DestinationRenderer.IvrAgiUrl(index.Options, ivr)})").Same("Hangup()");
        dp.Exten("i", $"Playback({SystemPrompts.PathOf(index.Options.SystemSoundsDirectory, SystemPrompts.Error)})").Same("Hangup()");
    }
}

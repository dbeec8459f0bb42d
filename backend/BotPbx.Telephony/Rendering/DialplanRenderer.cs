namespace BotPbx.Telephony.Rendering;

/// <summary>
/// extensions.conf. Contexts, all prefixed botpbx-:
/// internal (endpoint context of phones) includes features, extensions, ringgroups, queues, conferences, ai-agent-numbers,
/// outbound;
/// from-trunk-N (endpoint context of trunk N) holds its inbound routes and includes the trunk-independent ones;
/// device dials every registered contact of one extension; the rest are one context per object.
/// </summary>
internal static class DialplanRenderer
{
    public static ConfFile Render(RenderIndex index)
    {
        var dp = new Dialplan(new ConfFile("extensions.conf"));
        dp.Context(DialplanContexts.Internal, "phones dial from here")
            .Include("botpbx-features").Include(DialplanContexts.Extensions).Include(DialplanContexts.RingGroups)
            .Include(DialplanContexts.Queues).Include(DialplanContexts.Conferences).Include(DialplanContexts.AiAgentNumbers)
            .Include(DialplanContexts.Outbound);
        RenderDevice(dp);
        RenderDenied(dp);
        ExtensionDialplan.Render(dp, index);
        FeatureCodeDialplan.Render(dp, index);
        InboundDialplan.Render(dp, index);
        OutboundDialplan.Render(dp, index);
        QueueDialplan.Render(dp, index);
        RingGroupDialplan.Render(dp, index);
        ConferenceDialplan.Render(dp, index);
        TimeConditionDialplan.Render(dp, index);
        AiAgentDialplan.Render(dp, index);
        AiAgentDialplan.RenderNumbers(dp, index);
        CallLogVariables.RenderContexts(dp);
        CampaignDialplan.Render(dp, index);
        return dp.File;
    }

    /// <summary>
    /// Local/&lt;ext&gt;@botpbx-device rings every device registered to the extension (PJSIP/ext alone rings only
    /// one contact), honouring run-time do-not-disturb. Used by ring groups and queue members.
    /// </summary>
    private static void RenderDevice(Dialplan dp)
    {
        dp.Context("botpbx-device", "rings all devices of ${EXTEN}; used by ring groups and queues")
            .Exten("_X.", Dialable.Guard("${EXTEN}"))
            .Same("GotoIf($[\"${IF(${DB_EXISTS(BOTPBX/${EXTEN}/dnd)}?${DB_RESULT}:${DIALPLAN_EXISTS(" +
                ExtensionDialplan.DndDefaultContext + ",${EXTEN},1)})}\"=\"1\"]?busy)")
            .Same("Set(CONTACTS=${PJSIP_DIAL_CONTACTS(${EXTEN})})")
            // Only extensions with a browser phone have a <n>-webrtc endpoint; asking for another's logs a warning.
            .Same($"GotoIf($[${{DIALPLAN_EXISTS({BrowserPhones.Context},${{EXTEN}},1)}}=0]?dial)");
        ExtensionDialplan.AddBrowserContacts(dp, "${EXTEN}" + BrowserPhones.Suffix);
        dp.Same("GotoIf($[\"${CONTACTS}\"=\"\"]?busy)", "dial")
            .Same("Dial(${CONTACTS},,${BOTPBX_DIALOPTS})")
            .Same("Hangup()")
            .Same("Busy(5)", "busy");
    }

    private static void RenderDenied(Dialplan dp)
    {
        dp.Context("botpbx-denied", "an extension dialled a number no route allows it")
            .Exten("s", "Answer()")
            .Same("Playback(ss-noservice)")
            .Same("Hangup(21)");
    }
}

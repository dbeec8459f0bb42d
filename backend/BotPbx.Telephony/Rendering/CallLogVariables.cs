namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The CDR variables the call log reads. cdr_pgsql writes any CDR variable whose name matches a column of cdr_raw
/// (cdr/cdr_pgsql.c: every column it does not know is looked up with ast_cdr_format_var, which falls back to the
/// record's variables), so each <c>Set(CDR(botpbx_x)=…)</c> here lands in column botpbx_x (migration 0030). The
/// reconciler folds every record of a conversation (same linkedid) into one call, so each variable only needs to be
/// on one of them. Only fixed names and checked tokens are rendered; values Asterisk fills (${EXTEN}…) come from
/// the channel, never from BotPBX's users.
/// </summary>
internal static class CallLogVariables
{
    public const string HangupContext = "botpbx-hangup";
    public const string OriginateContext = "botpbx-originate";

    /// <summary>On the carrier's channel: the call came in, to this DID, on this trunk (its pjsip endpoint name).</summary>
    public static IReadOnlyList<string> Inbound { get; } =
    [
        "Set(CDR(botpbx_direction)=inbound)",
        "Set(CDR(botpbx_did)=${EXTEN})",
        "Set(CDR(botpbx_trunk)=${CHANNEL(endpoint)})",
    ];

    /// <summary>
    /// In a route's trunk subroutine: an outbound call to ARG1 made by BOTPBX_EXT. A call that came in and is
    /// forwarded out stays inbound (its trunk is the one it came in on).
    /// </summary>
    public static IReadOnlyList<string> Outbound { get; } =
    [
        "ExecIf($[\"${CDR(botpbx_direction)}\"=\"\"]?Set(CDR(botpbx_direction)=outbound))",
        "Set(CDR(botpbx_number)=${ARG1})",
        "ExecIf($[\"${BOTPBX_EXT}\"!=\"\"]?Set(CDR(botpbx_ext)=${BOTPBX_EXT}))",
    ];

    /// <summary>Before each trunk is tried: the last one tried is the one the call went out on.</summary>
    public static string OutboundTrunk(string trunkSection) =>
        $"ExecIf($[\"${{CDR(botpbx_direction)}}\"=\"outbound\"]?Set(CDR(botpbx_trunk)={Dialplan.T(trunkSection)}))";

    /// <summary>After MixMonitor started: the file it writes (MixMonitor sets MIXMONITOR_FILENAME).</summary>
    public const string Recording = "Set(CDR(botpbx_recording)=${MIXMONITOR_FILENAME})";

    public static string Queue(string number) => $"Set(CDR(botpbx_queue)={Dialplan.T(number)})";

    /// <summary>Appends the IVR's id to the path (ids joined with &gt;), for a call that passes several IVRs.</summary>
    public static string Ivr(string id) =>
        $"Set(CDR(botpbx_ivr)=${{CDR(botpbx_ivr)}}${{IF($[\"${{CDR(botpbx_ivr)}}\"=\"\"]?:>)}}{id})";

    /// <summary>
    /// pjsip <c>set_var</c> on every extension and trunk endpoint: a hang-up handler that records why the channel
    /// ended (HANGUPCAUSE, Q.850). set_var writes through dialplan functions (pbx_builtin_setvar_helper).
    /// </summary>
    public const string HangupHandlerSetVar = "CHANNEL(hangup_handler_push)=" + HangupContext + ",s,1";

    public static void RenderContexts(Dialplan dp)
    {
        dp.Context(HangupContext, "hang-up handler of every SIP channel: the cause, for the call log")
            .Exten("s", "ExecIf($[\"${CDR(botpbx_cause)}\"=\"\"]?Set(CDR(botpbx_cause)=${HANGUPCAUSE}))")
            .Same("Return()");
        // Click-to-call (POST /api/calls/originate): BotPBX originates Local/<ext>@botpbx-device (the user's phones
        // ring first) into this context with BOTPBX_EXT and the extension's caller ID set on the channel; the number
        // is then dialled exactly as the phone would dial it from botpbx-internal, so routes, their permissions and
        // the dial-string guard all apply.
        dp.Context(OriginateContext, "click-to-call: the user's phone answered; dial ${EXTEN} as that extension")
            .Exten("_X.", Dialable.Guard("${EXTEN}")).SameAll(OriginateSteps)
            .Exten("_+X.", Dialable.Guard("${EXTEN}")).SameAll(OriginateSteps);
    }

    private static readonly string[] OriginateSteps =
    [
        "GotoIf($[\"${BOTPBX_EXT}\"=\"\"]?" + Dialable.Denied + ")",
        "Set(CALLERID(num)=${BOTPBX_EXT})",
        "Set(CALLERID(name)=${BOTPBX_CALLER_NAME})",
        "Set(CDR(botpbx_originate)=${BOTPBX_EXT})",
        "Set(CDR(botpbx_ext)=${BOTPBX_EXT})",
        "Goto(" + DialplanContexts.Internal + ",${EXTEN},1)",
    ];
}

using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// botpbx-outbound includes the emergency context first, then one context per route in route order: Asterisk
/// searches included contexts in the order written, which is how route order wins over pattern specificity.
/// Each route's trunk sequence is a subroutine that fails over on CONGESTION or CHANUNAVAIL only (a BUSY or
/// NOANSWER is the callee's answer, not the trunk's fault).
/// </summary>
internal static class OutboundDialplan
{
    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.Outbound).Include("botpbx-emergency");
        foreach (var route in index.OutboundRoutes) dp.Include(RenderIndex.OutboundRouteContext(route.Id));

        // Emergency numbers: dialled unchanged by anyone, before any route can refuse them.
        dp.Context("botpbx-emergency");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in index.OutboundRoutes)
            foreach (var number in route.EmergencyNumbers.Order(StringComparer.Ordinal))
                if (seen.Add(number))
                    dp.Exten(Dialplan.T(number), $"Gosub({DialSub(route.Id)},s,1(${{EXTEN}}))").Same("Hangup()");

        foreach (var route in index.OutboundRoutes) RenderRoute(dp, route, index);
    }

    private static void RenderRoute(Dialplan dp, OutboundRoute route, RenderIndex index)
    {
        var context = RenderIndex.OutboundRouteContext(route.Id);
        var restricted = route.AllowedExtensionIds.Count > 0;
        var number = (route.Prepend.Length > 0 ? Dialplan.T(route.Prepend) : "") + Strip(route.Strip);
        dp.Context(context, "outbound route " + route.Name);
        foreach (var pattern in route.Patterns.Order(StringComparer.Ordinal))
        {
            var pat = InboundDialplan.Pattern(pattern);
            // A pattern's . or ! matches any character: refuse anything but dialable characters before it is used.
            dp.Exten(pat, Dialable.Guard("${EXTEN}"));
            if (restricted)
            {
                dp.Same($"GotoIf($[${{DIALPLAN_EXISTS({context}-allow,${{BOTPBX_EXT}},1)}}]?ok)")
                    .Same("Goto(botpbx-denied,s,1)")
                    .Same($"Gosub({DialSub(route.Id)},s,1({number}))", "ok");
            }
            else
            {
                dp.Same($"Gosub({DialSub(route.Id)},s,1({number}))");
            }
            dp.Same("Hangup()");
        }
        if (restricted)
        {
            dp.Context(context + "-allow", "extensions allowed to use route " + route.Name);
            foreach (var allowed in route.AllowedExtensionIds.Select(id => index.ExtensionsById[id].Number).Order(StringComparer.Ordinal))
                dp.Exten(Dialplan.T(allowed), "NoOp()");
        }

        dp.Context(DialSub(route.Id), "trunk sequence of route " + route.Name + ", number in ARG1");
        // Checked again here, where the number is dialled, for every way into the subroutine (routes, emergency numbers).
        dp.Exten("s", Dialable.Guard("${ARG1}"));
        dp.Same(route.CallerIdOverride.Length > 0
            ? $"Set(CALLERID(num)={Dialplan.T(route.CallerIdOverride)})"
            : "ExecIf($[\"${BOTPBX_OUTCID}\"!=\"\"]?Set(CALLERID(num)=${BOTPBX_OUTCID}))");
        dp.Same("ExecIf($[\"${BOTPBX_RECORD}\"=\"always\"]?" + Recording.MixMonitor(index.Options) + ")")
            .Same("ExecIf($[\"${BOTPBX_RECORD}\"=\"always\"]?" + CallLogVariables.Recording + ")")
            .SameAll(CallLogVariables.Outbound);
        var trunks = route.TrunkIds.Select(id => index.TrunksById[id]).Where(t => t.Enabled).ToList();
        for (var i = 0; i < trunks.Count; i++)
        {
            dp.Same(CallLogVariables.OutboundTrunk(RenderIndex.TrunkSection(trunks[i].Id)))
                .Same($"Dial(PJSIP/${{ARG1}}@{RenderIndex.TrunkSection(trunks[i].Id)},,)");
            if (i < trunks.Count - 1)
                dp.Same("ExecIf($[\"${DIALSTATUS}\"!=\"CHANUNAVAIL\"&\"${DIALSTATUS}\"!=\"CONGESTION\"]?Return())");
        }
        dp.Same("Return()");
    }

    private static string DialSub(long routeId) => RenderIndex.OutboundRouteContext(routeId) + "-dial";

    private static string Strip(int digits) => digits == 0 ? "${EXTEN}" : $"${{EXTEN:{RenderIndex.Num(digits)}}}";
}

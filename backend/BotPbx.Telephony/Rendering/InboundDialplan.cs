using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// One context per trunk (its endpoint's context) with the routes bound to that trunk; it then includes
/// botpbx-inbound, the routes for any trunk. A caller-ID pattern becomes Asterisk's <c>exten =&gt; DID/CID</c> form.
/// </summary>
internal static class InboundDialplan
{
    public const string AnyTrunkContext = "botpbx-inbound";

    public static void Render(Dialplan dp, RenderIndex index)
    {
        foreach (var trunk in index.Trunks.Where(t => t.Enabled))
        {
            dp.Context(RenderIndex.TrunkContext(trunk.Id), "calls arriving on trunk " + trunk.Name);
            foreach (var route in index.InboundRoutes.Where(r => r.TrunkId == trunk.Id)) RenderRoute(dp, route, index);
            dp.Include(AnyTrunkContext);
        }
        dp.Context(AnyTrunkContext, "inbound routes for every trunk");
        foreach (var route in index.InboundRoutes.Where(r => r.TrunkId is null)) RenderRoute(dp, route, index);
    }

    private static void RenderRoute(Dialplan dp, InboundRoute route, RenderIndex index)
    {
        var apps = DestinationRenderer.Apps(route.Destination, index);
        foreach (var did in Dids(route.Did))
        {
            var exten = route.CallerIdPattern.Length == 0 ? did : did + "/" + Pattern(route.CallerIdPattern);
            dp.Exten(exten, "Set(__BOTPBX_HOPS=0)").Same("Set(CDR(userfield)=inbound-route-" + RenderIndex.Id(route.Id) + ")")
                .SameAll(CallLogVariables.Inbound).SameAll(apps);
        }
    }

    /// <summary>An empty DID matches any number: digits with or without a leading +, and "s" when none is sent.</summary>
    private static IEnumerable<string> Dids(string did) =>
        did.Length == 0 ? ["_X.", "_+X.", "s"] : [Pattern(did)];

    /// <summary>Adds the leading _ that makes Asterisk treat X, N, Z, . and ! as pattern characters.</summary>
    public static string Pattern(string value) => Dialplan.T(Routing.DialPattern.Normalize(value));
}

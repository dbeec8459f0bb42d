using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Routing;

/// <summary>Which outbound route takes a dialled number, or none; <see cref="Emergency"/> when it is an emergency number.</summary>
public sealed record OutboundMatch(OutboundRoute Route, bool Emergency)
{
    /// <summary>
    /// A restricted route checks the caller's BOTPBX_EXT against its allow-list; a call that is not from an extension
    /// (an inbound call in an IVR) has none, so only an unrestricted route or an emergency number dials it.
    /// </summary>
    public bool DialsWithoutExtension => Emergency || Route.AllowedExtensionIds.Count == 0;
}

/// <summary>
/// Mirrors botpbx-outbound as rendered (OutboundDialplan): Asterisk searches its included contexts in the order
/// written — the emergency numbers first, then one context per route by position and id — and the first context with a
/// matching extension takes the call, whatever a later route's pattern would say.
/// </summary>
public static class OutboundRouting
{
    public static OutboundMatch? Find(PbxConfiguration configuration, string number)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(number);
        var routes = configuration.OutboundRoutes.OrderBy(r => r.Position).ThenBy(r => r.Id).ToList();
        if (routes.FirstOrDefault(r => r.EmergencyNumbers.Contains(number, StringComparer.Ordinal)) is { } emergency)
            return new OutboundMatch(emergency, Emergency: true);
        return routes.FirstOrDefault(r => r.Patterns.Any(p => DialPattern.Matches(p, number))) is { } route
            ? new OutboundMatch(route, Emergency: false)
            : null;
    }
}

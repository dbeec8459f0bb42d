using System.Globalization;
using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

/// <summary>The kinds of objects others can point at.</summary>
public enum PbxObjectKind
{
    Extension,
    Trunk,
    Queue,
    RingGroup,
    TimeCondition,
    Conference,
    MohClass,
    Ivr,
    AiAgent,
}

/// <summary>Who points at an object: what must be changed before it can be deleted (answered as 409 naming them).</summary>
public static class PbxReferrers
{
    public static IReadOnlyList<string> Find(PbxConfiguration c, PbxObjectKind kind, string target)
    {
        ArgumentNullException.ThrowIfNull(c);
        var found = new List<string>();
        void Check(Destination? d, string owner)
        {
            if (d is not null && Points(d, kind, target)) found.Add(owner);
        }
        var id = long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

        foreach (var r in c.InboundRoutes)
        {
            Check(r.Destination, Label("inbound route", r.Id, r.Name));
            if (kind == PbxObjectKind.Trunk && r.TrunkId == id) found.Add(Label("inbound route", r.Id, r.Name));
        }
        foreach (var q in c.Queues)
        {
            Check(q.TimeoutDestination, Label("queue", q.Id, q.Name));
            if (kind == PbxObjectKind.Extension && q.Members.Any(m => m.ExtensionId == id)) found.Add(Label("queue", q.Id, q.Name) + " (member)");
            if (kind == PbxObjectKind.MohClass && q.MohClass == target) found.Add(Label("queue", q.Id, q.Name));
        }
        foreach (var g in c.RingGroups)
        {
            Check(g.NoAnswerDestination, Label("ring group", g.Id, g.Name));
            if (kind == PbxObjectKind.Extension && g.MemberExtensionIds.Contains(id)) found.Add(Label("ring group", g.Id, g.Name) + " (member)");
        }
        foreach (var t in c.TimeConditions)
        {
            Check(t.Open, Label("time condition", t.Id, t.Name));
            Check(t.Closed, Label("time condition", t.Id, t.Name));
        }
        foreach (var r in c.OutboundRoutes)
        {
            if (kind == PbxObjectKind.Trunk && r.TrunkIds.Contains(id)) found.Add(Label("outbound route", r.Id, r.Name));
            if (kind == PbxObjectKind.Extension && r.AllowedExtensionIds.Contains(id)) found.Add(Label("outbound route", r.Id, r.Name));
        }
        foreach (var room in c.Conferences)
            if (kind == PbxObjectKind.MohClass && room.MohClass == target) found.Add(Label("conference", room.Id, room.Name));
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Points(Destination d, PbxObjectKind kind, string target) =>
        d.Target == target && (kind, d.Type) switch
        {
            (PbxObjectKind.Extension, DestinationType.Extension or DestinationType.Voicemail) => true,
            (PbxObjectKind.Queue, DestinationType.Queue) => true,
            (PbxObjectKind.RingGroup, DestinationType.RingGroup) => true,
            (PbxObjectKind.TimeCondition, DestinationType.TimeCondition) => true,
            (PbxObjectKind.Conference, DestinationType.Conference) => true,
            (PbxObjectKind.Ivr, DestinationType.Ivr) => true,
            (PbxObjectKind.AiAgent, DestinationType.AiAgent) => true,
            _ => false,
        };

    private static string Label(string noun, long id, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{noun} {id} ({name})");
}

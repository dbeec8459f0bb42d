using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>The storage description of every PBX object kind (tables of migration 0010).</summary>
public static class PbxTables
{
    private const string NameOrNumber = "name ILIKE @pattern OR number ILIKE @pattern";

    public static PbxTable<Extension> Extensions { get; } = new()
    {
        Table = "pbx_extensions", Collection = "extensions", Noun = "extension",
        // users.id is ON DELETE SET NULL: the column, not the stored JSON, says who the extension belongs to.
        DataSql = "jsonb_set(data, '{userId}', coalesce(to_jsonb(user_id), 'null'::jsonb))", OrderBy = "number", SearchSql = NameOrNumber, Kind = PbxObjectKind.Extension,
        NumberOf = e => e.Number,
        GetId = e => e.Id, WithId = (e, id) => e with { Id = id },
        ColumnNames = ["number", "name", "user_id"], Columns = e => [e.Number, e.Name, e.UserId],
        All = c => c.Extensions, Replace = (c, list) => c with { Extensions = list },
        Validate = (e, errors, refs) => ExtensionValidator.Validate(e, errors, refs),
    };

    public static PbxTable<Trunk> Trunks { get; } = new()
    {
        Table = "pbx_trunks", Collection = "trunks", Noun = "trunk", OrderBy = "lower(name)", SearchSql = "name ILIKE @pattern OR data->>'host' ILIKE @pattern",
        Kind = PbxObjectKind.Trunk,
        GetId = t => t.Id, WithId = (t, id) => t with { Id = id },
        ColumnNames = ["name"], Columns = t => [t.Name],
        All = c => c.Trunks, Replace = (c, list) => c with { Trunks = list },
        Validate = (t, errors, _) => TrunkValidator.Validate(t, errors),
    };

    public static PbxTable<InboundRoute> InboundRoutes { get; } = new()
    {
        Table = "pbx_inbound_routes", Collection = "inboundRoutes", Noun = "inbound route", OrderBy = "did, id", SearchSql = "name ILIKE @pattern OR did ILIKE @pattern",
        GetId = r => r.Id, WithId = (r, id) => r with { Id = id },
        ColumnNames = ["name", "did", "destination_type", "destination_target"],
        Columns = r => [r.Name, r.Did, TypeName(r.Destination), r.Destination?.Target],
        All = c => c.InboundRoutes, Replace = (c, list) => c with { InboundRoutes = list },
        Validate = (r, errors, refs) => InboundRouteValidator.Validate(r, errors, refs),
    };

    public static PbxTable<OutboundRoute> OutboundRoutes { get; } = new()
    {
        Table = "pbx_outbound_routes", Collection = "outboundRoutes", Noun = "outbound route", OrderBy = "position, id", SearchSql = "name ILIKE @pattern",
        GetId = r => r.Id, WithId = (r, id) => r with { Id = id },
        ColumnNames = ["name", "position"], Columns = r => [r.Name, r.Position],
        All = c => c.OutboundRoutes, Replace = (c, list) => c with { OutboundRoutes = list },
        Validate = (r, errors, refs) => OutboundRouteValidator.Validate(r, errors, refs),
    };

    public static PbxTable<CallQueue> Queues { get; } = new()
    {
        Table = "pbx_queues", Collection = "queues", Noun = "queue", OrderBy = "number", SearchSql = NameOrNumber, Kind = PbxObjectKind.Queue,
        NumberOf = q => q.Number,
        GetId = q => q.Id, WithId = (q, id) => q with { Id = id },
        ColumnNames = ["number", "name", "destination_type", "destination_target"],
        Columns = q => [q.Number, q.Name, TypeName(q.TimeoutDestination), q.TimeoutDestination?.Target],
        All = c => c.Queues, Replace = (c, list) => c with { Queues = list },
        Validate = (q, errors, refs) => CallQueueValidator.Validate(q, errors, refs),
    };

    public static PbxTable<RingGroup> RingGroups { get; } = new()
    {
        Table = "pbx_ring_groups", Collection = "ringGroups", Noun = "ring group", OrderBy = "number", SearchSql = NameOrNumber, Kind = PbxObjectKind.RingGroup,
        NumberOf = g => g.Number,
        GetId = g => g.Id, WithId = (g, id) => g with { Id = id },
        ColumnNames = ["number", "name", "destination_type", "destination_target"],
        Columns = g => [g.Number, g.Name, TypeName(g.NoAnswerDestination), g.NoAnswerDestination?.Target],
        All = c => c.RingGroups, Replace = (c, list) => c with { RingGroups = list },
        Validate = (g, errors, refs) => RingGroupValidator.Validate(g, errors, refs),
    };

    public static PbxTable<TimeCondition> TimeConditions { get; } = new()
    {
        Table = "pbx_time_conditions", Collection = "timeConditions", Noun = "time condition", OrderBy = "lower(name), id", SearchSql = "name ILIKE @pattern",
        Kind = PbxObjectKind.TimeCondition,
        GetId = t => t.Id, WithId = (t, id) => t with { Id = id },
        ColumnNames = ["name", "open_destination_type", "open_destination_target", "closed_destination_type", "closed_destination_target"],
        Columns = t => [t.Name, TypeName(t.Open), t.Open?.Target, TypeName(t.Closed), t.Closed?.Target],
        All = c => c.TimeConditions, Replace = (c, list) => c with { TimeConditions = list },
        Validate = (t, errors, refs) => TimeConditionValidator.Validate(t, errors, refs),
    };

    public static PbxTable<MohClass> MohClasses { get; } = new()
    {
        Table = "pbx_moh_classes", Collection = "mohClasses", Noun = "music-on-hold class", OrderBy = "name", SearchSql = "name ILIKE @pattern",
        Kind = PbxObjectKind.MohClass, ReferenceKey = m => m.Name,
        GetId = m => m.Id, WithId = (m, id) => m with { Id = id },
        ColumnNames = ["name"], Columns = m => [m.Name],
        All = c => c.MohClasses, Replace = (c, list) => c with { MohClasses = list },
        Validate = (m, errors, _) => MohClassValidator.Validate(m, errors),
    };

    public static PbxTable<Conference> Conferences { get; } = new()
    {
        Table = "pbx_conferences", Collection = "conferences", Noun = "conference", OrderBy = "number", SearchSql = NameOrNumber, Kind = PbxObjectKind.Conference,
        GetId = c => c.Id, WithId = (c, id) => c with { Id = id },
        ColumnNames = ["number", "name"], Columns = c => [c.Number, c.Name],
        All = c => c.Conferences, Replace = (c, list) => c with { Conferences = list },
        Validate = (c, errors, refs) => ConferenceValidator.Validate(c, errors, refs),
    };

    private static string TypeName(Destination? d) =>
        d is null ? "hangup" : System.Text.Json.JsonSerializer.Serialize(d.Type).Trim('"');
}

using System.Globalization;
using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>Lookups and stable, sorted orders of a validated configuration, shared by the file renderers.</summary>
internal sealed class RenderIndex
{
    public RenderIndex(PbxConfiguration configuration, RenderOptions options)
    {
        Configuration = configuration;
        Options = options;
        Extensions = [.. configuration.Extensions.OrderBy(e => e.Number, StringComparer.Ordinal)];
        Trunks = [.. configuration.Trunks.OrderBy(t => t.Id)];
        Queues = [.. configuration.Queues.OrderBy(q => q.Number, StringComparer.Ordinal)];
        RingGroups = [.. configuration.RingGroups.OrderBy(g => g.Number, StringComparer.Ordinal)];
        Conferences = [.. configuration.Conferences.OrderBy(c => c.Number, StringComparer.Ordinal)];
        TimeConditions = [.. configuration.TimeConditions.OrderBy(t => t.Id)];
        OutboundRoutes = [.. configuration.OutboundRoutes.OrderBy(r => r.Position).ThenBy(r => r.Id)];
        InboundRoutes = [.. configuration.InboundRoutes.OrderBy(r => r.Did, StringComparer.Ordinal)
            .ThenBy(r => r.CallerIdPattern, StringComparer.Ordinal).ThenBy(r => r.Id)];
        MohClasses = [.. configuration.MohClasses.OrderBy(m => m.Name, StringComparer.Ordinal)];
        ExtensionsById = configuration.Extensions.ToDictionary(e => e.Id);
        ExtensionNumbers = configuration.Extensions.Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
        TrunksById = configuration.Trunks.ToDictionary(t => t.Id);
        QueuesById = configuration.Queues.ToDictionary(q => q.Id);
        RingGroupsById = configuration.RingGroups.ToDictionary(g => g.Id);
        ConferencesById = configuration.Conferences.ToDictionary(c => c.Id);
    }

    public PbxConfiguration Configuration { get; }
    public RenderOptions Options { get; }
    public IReadOnlyList<Extension> Extensions { get; }
    public IReadOnlyList<Trunk> Trunks { get; }
    public IReadOnlyList<CallQueue> Queues { get; }
    public IReadOnlyList<RingGroup> RingGroups { get; }
    public IReadOnlyList<Conference> Conferences { get; }
    public IReadOnlyList<TimeCondition> TimeConditions { get; }
    public IReadOnlyList<OutboundRoute> OutboundRoutes { get; }
    public IReadOnlyList<InboundRoute> InboundRoutes { get; }
    public IReadOnlyList<MohClass> MohClasses { get; }
    public IReadOnlyDictionary<long, Extension> ExtensionsById { get; }
    public IReadOnlySet<string> ExtensionNumbers { get; }
    public IReadOnlyDictionary<long, Trunk> TrunksById { get; }
    public IReadOnlyDictionary<long, CallQueue> QueuesById { get; }
    public IReadOnlyDictionary<long, RingGroup> RingGroupsById { get; }
    public IReadOnlyDictionary<long, Conference> ConferencesById { get; }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>pjsip section name of a trunk (endpoint, auth, aor, registration and identify share it).</summary>
    public static string TrunkSection(long id) => AsteriskNames.TrunkSection(id);

    public static string TrunkContext(long id) => "botpbx-from-trunk-" + Id(id);

    public static string TimeConditionContext(long id) => "botpbx-tc-" + Id(id);

    public static string OutboundRouteContext(long id) => "botpbx-outrt-" + Id(id);
}

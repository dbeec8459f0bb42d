using System.Globalization;
using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Validation;

/// <summary>
/// What exists, for checking references and number clashes: built from a configuration snapshot, so the API and
/// the renderer check the same way.
/// </summary>
public sealed class PbxReferences
{
    private readonly Dictionary<long, Extension> _extensions;
    private readonly Dictionary<long, Trunk> _trunks;
    private readonly HashSet<long> _queues;
    private readonly HashSet<long> _ringGroups;
    private readonly HashSet<long> _timeConditions;
    private readonly HashSet<long> _conferences;
    private readonly HashSet<string> _mohClasses;
    private readonly HashSet<string> _ivrs;
    private readonly HashSet<string> _aiAgents;
    private readonly Dictionary<string, List<(string Kind, long Id)>> _numbers = new(StringComparer.Ordinal);

    public PbxReferences(PbxConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _extensions = configuration.Extensions.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        _trunks = configuration.Trunks.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        _queues = configuration.Queues.Select(q => q.Id).ToHashSet();
        _ringGroups = configuration.RingGroups.Select(r => r.Id).ToHashSet();
        _timeConditions = configuration.TimeConditions.Select(t => t.Id).ToHashSet();
        _conferences = configuration.Conferences.Select(c => c.Id).ToHashSet();
        // "default" always exists: the renderer writes Asterisk's stock class when no class of that name is defined.
        _mohClasses = configuration.MohClasses.Select(m => m.Name).Append("default").ToHashSet(StringComparer.Ordinal);
        _ivrs = configuration.IvrIds.ToHashSet(StringComparer.Ordinal);
        _aiAgents = configuration.AiAgentIds.ToHashSet(StringComparer.Ordinal);
        foreach (var e in configuration.Extensions) AddNumber(e.Number, "extension", e.Id);
        foreach (var q in configuration.Queues) AddNumber(q.Number, "queue", q.Id);
        foreach (var r in configuration.RingGroups) AddNumber(r.Number, "ringGroup", r.Id);
        foreach (var c in configuration.Conferences) AddNumber(c.Number, "conference", c.Id);
        foreach (var a in configuration.AiAgentNumbers)
            if (TryId(a.AgentId, out var agentId)) AddNumber(a.Number, "aiAgent", agentId);
    }

    public bool HasExtension(long id) => _extensions.ContainsKey(id);
    public Extension? Extension(long id) => _extensions.GetValueOrDefault(id);
    public bool HasTrunk(long id) => _trunks.ContainsKey(id);
    public bool HasMohClass(string name) => _mohClasses.Contains(name);

    /// <summary>Another object (not <paramref name="kind"/> #<paramref name="id"/>) already uses this internal number.</summary>
    public string? NumberTakenBy(string number, string kind, long id)
    {
        if (!_numbers.TryGetValue(number, out var owners)) return null;
        var other = owners.FirstOrDefault(o => o.Kind != kind || o.Id != id);
        return other.Kind is null ? null : other.Kind + " " + other.Id.ToString(CultureInfo.InvariantCulture);
    }

    public bool Exists(Destination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Type switch
        {
            DestinationType.Hangup => true,
            DestinationType.External => true,
            DestinationType.Ivr => destination.Target is { } ivr && _ivrs.Contains(ivr),
            DestinationType.AiAgent => destination.Target is { } agent && _aiAgents.Contains(agent),
            _ => TryId(destination.Target, out var id) && destination.Type switch
            {
                DestinationType.Extension => _extensions.ContainsKey(id),
                DestinationType.Voicemail => _extensions.TryGetValue(id, out var e) && e.Voicemail.Enabled,
                DestinationType.Queue => _queues.Contains(id),
                DestinationType.RingGroup => _ringGroups.Contains(id),
                DestinationType.TimeCondition => _timeConditions.Contains(id),
                DestinationType.Conference => _conferences.Contains(id),
                _ => false,
            },
        };
    }

    internal static bool TryId(string? value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private void AddNumber(string number, string kind, long id)
    {
        if (string.IsNullOrEmpty(number)) return;
        if (!_numbers.TryGetValue(number, out var owners)) _numbers[number] = owners = [];
        owners.Add((kind, id));
    }
}

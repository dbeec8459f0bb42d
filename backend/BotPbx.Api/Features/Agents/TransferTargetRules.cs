using BotPbx.Api.Problems;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Routing;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// Transfer targets name PBX objects the way the dialplan dials them — by internal number — because the pipeline's
/// transfer ends in the same dialplan contexts an IVR transfer uses. The shape is checked with the PBX's own rules
/// (<see cref="Rules.InternalNumber"/>, <see cref="Rules.DialNumber"/>); existence against the saved configuration,
/// under the PBX write lock, so no extension, queue or ring group can vanish between the check and the save.
/// </summary>
public static class TransferTargetRules
{
    public static bool CheckNumberShape(FieldErrors errors, string field, string kind, string? number)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.Required(field, number)) return false;
        var rule = kind == "external" ? Rules.DialNumber : Rules.InternalNumber;
        return errors.Check(rule.IsMatch(number), field, kind == "external"
            ? "must be digits with an optional leading + (the number dialled out)"
            : "must be 2 to 8 digits and not start with 0 (the internal number)");
    }

    /// <summary>Each target's number must be an existing object of its kind, or a number an open outbound route dials.</summary>
    public static void CheckReferences(IReadOnlyList<AgentTransferTarget> targets, PbxConfiguration configuration, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var field = FormattableString.Invariant($"transferTargets[{i}].number");
            var (exists, message) = target.Kind switch
            {
                "extension" => (configuration.Extensions.Any(e => e.Number == target.Number), "is not the number of an extension"),
                "queue" => (configuration.Queues.Any(q => q.Number == target.Number), "is not the number of a queue"),
                "ringGroup" => (configuration.RingGroups.Any(g => g.Number == target.Number), "is not the number of a ring group"),
                // A call handed from the agent is not from an extension: only a route open to every caller dials it.
                _ => (OutboundRouting.Find(configuration, target.Number) is { DialsWithoutExtension: true },
                    "is not dialled by any outbound route open to calls that are not from an extension"),
            };
            errors.Check(exists, field, message);
        }
    }
}

using BotPbx.Ivr.Runtime;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Ivr.Nodes;

public sealed record TransferDestination(string Kind, string Target);

public sealed record TransferData(TransferDestination Destination, string? Label = null);

/// <summary>
/// Hands the call to an extension, an external number (dialled through the outbound routes), a queue, a ring group
/// or an AI agent, by <c>Goto</c> into the generated dialplan; the AGI session then ends and Asterisk carries on there.
/// Extensions, queues and ring groups are named by their number, as the dialplan knows them.
/// </summary>
public sealed class TransferExecutor : INodeExecutor<TransferData>
{
    public static readonly NodeSpec Spec = new NodeSpec<TransferData>("transfer", new TransferExecutor(),
        _ => NodeHelpers.NoHandles,
        references: d => [new IvrReference(KindOf(d.Destination.Kind), d.Destination.Target, "destination.target")]);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, TransferData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var target = data.Destination.Target;
        if (data.Destination.Kind == "aiAgent")
        {
            await context.Channel.SetVariableAsync("BOTPBX_AI_AGENT", target, cancellationToken).ConfigureAwait(false);
        }
        await NodeHelpers.GotoAsync(context, ContextOf(data.Destination.Kind), target, cancellationToken).ConfigureAwait(false);
        return NodeResult.HandOff($"{data.Destination.Kind} {target}");
    }

    /// <summary>
    /// The context of each kind rather than the phones' context that includes them all: a number means exactly the
    /// object of its kind (an external number that happens to equal a queue number still goes out).
    /// </summary>
    public static string ContextOf(string kind) => kind switch
    {
        "extension" => DialplanContexts.Extensions,
        "external" => DialplanContexts.Outbound,
        "queue" => DialplanContexts.Queues,
        "ringGroup" => DialplanContexts.RingGroups,
        "aiAgent" => DialplanContexts.AiAgents,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The schema allows no other destination kind."),
    };

    internal static IvrReferenceKind KindOf(string kind) => kind switch
    {
        "extension" => IvrReferenceKind.Extension,
        "external" => IvrReferenceKind.ExternalNumber,
        "queue" => IvrReferenceKind.Queue,
        "ringGroup" => IvrReferenceKind.RingGroup,
        "aiAgent" => IvrReferenceKind.AiAgent,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The schema allows no other destination kind."),
    };
}

using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record VariableAssignment(string Variable, string Value, bool? Channel = null);

public sealed record SetVariableData(IReadOnlyList<VariableAssignment> Assignments, string? Label = null);

/// <summary>Assigns templated values to call variables, in order (a later one may read an earlier one).</summary>
public sealed class SetVariableExecutor : INodeExecutor<SetVariableData>
{
    public static readonly NodeSpec Spec = new NodeSpec<SetVariableData>("setVariable", new SetVariableExecutor(), _ => NodeHelpers.NextOnly);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, SetVariableData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        foreach (var assignment in data.Assignments)
        {
            var value = context.Render(assignment.Value);
            context.Variables.Set(assignment.Variable, value);
            // Channel variables outlive the AGI session: the dialplan after a transfer (and the CDR) can read them.
            if (assignment.Channel == true) await context.Channel.SetVariableAsync(assignment.Variable, value, cancellationToken).ConfigureAwait(false);
        }
        return NodeResult.Next("next", string.Join(", ", data.Assignments.Select(a => a.Variable)));
    }
}

using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

/// <summary>
/// Runs one node type. Executors are stateless singletons: per-call state lives in <see cref="NodeContext"/>. Cancelling
/// <paramref name="cancellationToken"/> (hang-up, shutdown) is how a running node is cancelled.
/// </summary>
public interface INodeExecutor<in TData>
{
    Task<NodeResult> ExecuteAsync(NodeContext context, TData data, CancellationToken cancellationToken);
}

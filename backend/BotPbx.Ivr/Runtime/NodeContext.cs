using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Tracing;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Runtime;

/// <summary>What an executor sees of the call while its node runs.</summary>
public sealed class NodeContext
{
    private readonly Func<string, bool> _hasEdge;

    internal NodeContext(IIvrChannel channel, IvrVariables variables, IvrRuntime runtime, FlowNode node, IvrTraceStep step,
        Func<string, bool> hasEdge, ILogger logger)
    {
        Channel = channel;
        Variables = variables;
        Runtime = runtime;
        Node = node;
        Step = step;
        Logger = logger;
        _hasEdge = hasEdge;
    }

    public IIvrChannel Channel { get; }

    public IvrVariables Variables { get; }

    public IvrRuntime Runtime { get; }

    public FlowNode Node { get; }

    /// <summary>This node's trace entry; executors note the digits pressed and other facts here.</summary>
    public IvrTraceStep Step { get; }

    public ILogger Logger { get; }

    public string CallId => Channel.CallInfo.CallId;

    /// <summary>True when an edge leaves this node from <paramref name="handle"/>.</summary>
    public bool HasEdge(string handle) => _hasEdge(handle);

    public string Render(string? template) => Template.Render(template, Variables);

    /// <summary>The sound file to play for <paramref name="prompt"/> (synthesized and cached for text).</summary>
    public Task<string> PromptFileAsync(IvrPrompt prompt, CancellationToken cancellationToken) =>
        Runtime.Prompts.GetPlaybackFileAsync(prompt, Variables, cancellationToken);
}

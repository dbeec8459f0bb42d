using System.Collections.Concurrent;
using System.Diagnostics;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Versions;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Runtime;

/// <summary>
/// Runs a flow node by node on one channel. The call keeps the snapshot it started with (publishing later changes
/// nothing for it). Every step is logged as <c>call:step:type</c> and traced. A caller hanging up cancels the running
/// node and ends the run cleanly; any other failure, the loop guard, or an unpublished IVR plays the fallback prompt and
/// ends the call, so a caller is never left in silence.
/// </summary>
public sealed class IvrInterpreter(IIvrFlowStore store, IvrRuntime runtime, IIvrTraceSink traces, ILogger<IvrInterpreter> logger)
{
    private const int PreparedCacheLimit = 256;
    private readonly ConcurrentDictionary<(string, int), PreparedFlow> _prepared = new();

    /// <summary>Runs IVR <paramref name="ivrId"/>'s published version on a real call.</summary>
    public async Task<IvrTrace> RunPublishedAsync(IIvrChannel channel, string ivrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var snapshot = await store.GetPublishedAsync(ivrId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            var trace = NewTrace(channel, ivrId, 0);
            IvrLog.NotPublished(logger, channel.CallInfo.CallId, ivrId);
            trace.Outcome = IvrRunOutcome.NotPublished;
            trace.Error = $"IVR {ivrId} is not published";
            await FallbackAsync(channel, trace, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(trace, IvrVariables.ForCall(channel.CallInfo, ivrId)).ConfigureAwait(false);
        }
        return await RunAsync(channel, snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a given snapshot: a published version, or a draft in the simulator (version 0). <paramref name="started"/>
    /// receives the live trace and variables (the simulator shows them while the run waits for the caller).
    /// </summary>
    public async Task<IvrTrace> RunAsync(IIvrChannel channel, IvrFlowSnapshot snapshot, CancellationToken cancellationToken,
        Action<IvrTrace, IvrVariables>? started = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(snapshot);
        var trace = NewTrace(channel, snapshot.IvrId, snapshot.Version);
        var variables = IvrVariables.ForCall(channel.CallInfo, snapshot.IvrId);
        started?.Invoke(trace, variables);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, channel.HangupToken);
        try
        {
            var flow = Prepare(snapshot);
            await RunStepsAsync(channel, flow, variables, trace, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (channel.HangupToken.IsCancellationRequested)
        {
            trace.Outcome = IvrRunOutcome.CallerHungUp;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            trace.Outcome = IvrRunOutcome.Aborted;
        }
        catch (Exception exception) when (channel.HangupToken.IsCancellationRequested)
        {
            // After a hang-up Asterisk answers 511 to most commands; that is the hang-up, not a failure.
            IvrLog.FailedAfterHangup(logger, exception, channel.CallInfo.CallId);
            trace.Outcome = IvrRunOutcome.CallerHungUp;
        }
        catch (Exception exception)
        {
            // Anything else, a stray cancellation (an internal timeout) included, is a failure the caller must hear about.
            IvrLog.RunFailed(logger, exception, channel.CallInfo.CallId, snapshot.IvrId, snapshot.Version);
            trace.Outcome = IvrRunOutcome.Failed;
            trace.Error = exception.Message;
            await FallbackAsync(channel, trace, cancellationToken).ConfigureAwait(false);
        }
        return await FinishAsync(trace, variables).ConfigureAwait(false);
    }

    private async Task RunStepsAsync(IIvrChannel channel, PreparedFlow flow, IvrVariables variables, IvrTrace trace, CancellationToken cancellationToken)
    {
        var nodeId = flow.StartId;
        var maxSteps = runtime.Options.MaxStepsPerCall;
        while (trace.Steps.Count < maxSteps)
        {
            var (node, spec, data) = flow.Node(nodeId);
            var step = new IvrTraceStep
            {
                Index = trace.Steps.Count + 1, IvrId = flow.Snapshot.IvrId, Version = flow.Snapshot.Version,
                NodeId = node.Id, Type = node.Type, StartedAt = runtime.Time.GetUtcNow(),
            };
            trace.Steps.Add(step);
            IvrLog.Step(logger, channel.CallInfo.CallId, step.Index, node.Type, node.Id);
            var context = new NodeContext(channel, variables, runtime, node, step, h => flow.Target(node.Id, h) is not null, logger);
            var started = Stopwatch.GetTimestamp();
            NodeResult result;
            try
            {
                result = await spec.ExecuteAsync(context, data, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                step.Error = channel.HangupToken.IsCancellationRequested ? "caller hung up" : exception.Message;
                throw;
            }
            finally
            {
                step.DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            step.Detail = result.Detail;
            step.Handle = result.Handle;

            if (result.NextIvrId is { } nextIvr)
            {
                var snapshot = await store.GetPublishedAsync(nextIvr, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidFlowException($"IVR {nextIvr} (goToIvr) is not published.");
                flow = Prepare(snapshot);
                variables.Set("IVR_ID", nextIvr);
                nodeId = flow.StartId;
                continue;
            }
            if (result.HandedOff)
            {
                trace.Outcome = IvrRunOutcome.HandedOff;
                return;
            }
            var next = result.Handle is null ? null : flow.Target(node.Id, result.Handle);
            if (next is null)
            {
                // The flow ends here: hang up ourselves rather than leave the caller to whatever follows AGI().
                trace.Outcome = IvrRunOutcome.Completed;
                // Not cancellable by the caller's hang-up: Asterisk answers our HANGUP with its own HANGUP line.
                if (result.Handle is not null) await channel.HangupAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }
            nodeId = next;
        }
        IvrLog.LoopGuard(logger, channel.CallInfo.CallId, flow.Snapshot.IvrId, maxSteps);
        trace.Outcome = IvrRunOutcome.LoopGuard;
        trace.Error = $"stopped after {maxSteps} steps";
        await FallbackAsync(channel, trace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plays the fallback prompt, then sends the caller to the fallback extension or hangs up. Never throws.</summary>
    private async Task FallbackAsync(IIvrChannel channel, IvrTrace trace, CancellationToken cancellationToken)
    {
        if (channel.HangupToken.IsCancellationRequested || cancellationToken.IsCancellationRequested) return;
        var options = runtime.Options;
        try
        {
            await channel.PlayFileAsync(options.FallbackSound, string.Empty, cancellationToken).ConfigureAwait(false);
            if (options.FallbackExtension.Length > 0)
            {
                await channel.ExecAsync("Goto", $"{BotPbx.Telephony.Rendering.DialplanContexts.Internal},{options.FallbackExtension},1", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await channel.HangupAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // The channel may already be gone; there is nothing left to tell the caller.
            IvrLog.FallbackFailed(logger, exception, channel.CallInfo.CallId);
            trace.Error ??= exception.Message;
        }
    }

    private PreparedFlow Prepare(IvrFlowSnapshot snapshot)
    {
        // Versions never change once published, so a prepared flow is reused; drafts (version 0) are always re-read.
        if (snapshot.Version <= 0) return PreparedFlow.Load(snapshot);
        if (_prepared.TryGetValue((snapshot.IvrId, snapshot.Version), out var cached)) return cached;
        if (_prepared.Count >= PreparedCacheLimit) _prepared.Clear();
        var prepared = PreparedFlow.Load(snapshot);
        _prepared[(snapshot.IvrId, snapshot.Version)] = prepared;
        return prepared;
    }

    private IvrTrace NewTrace(IIvrChannel channel, string ivrId, int version) => new()
    {
        CallId = channel.CallInfo.CallId, IvrId = ivrId, Version = version, CallerNumber = channel.CallInfo.CallerNumber,
        StartedAt = runtime.Time.GetUtcNow(),
    };

    private async Task<IvrTrace> FinishAsync(IvrTrace trace, IvrVariables variables)
    {
        trace.EndedAt = runtime.Time.GetUtcNow();
        trace.Variables = variables.Snapshot();
        IvrLog.RunEnded(logger, trace.CallId, trace.IvrId, trace.Version, trace.Outcome, trace.Steps.Count);
        try
        {
            // The call is over: a shutdown token must not stop the trace from being written.
            await traces.SaveAsync(trace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            IvrLog.TraceNotSaved(logger, exception, trace.CallId);
        }
        return trace;
    }
}

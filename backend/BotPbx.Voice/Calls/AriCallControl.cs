using System.Text.RegularExpressions;
using BotPbx.Asterisk.Ari;
using BotPbx.Telephony.Rendering;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Tools;

namespace BotPbx.Voice.Calls;

/// <summary>
/// The agent's tools on a real call, over ARI. A blind transfer sends the caller's channel out of Stasis into the
/// dialplan context that owns the target (the contexts <see cref="DialplanContexts"/> names), so an extension's DND,
/// forwarding and voicemail, a queue's strategy and an outbound route's guards all apply as if the caller had dialled it.
/// A warm transfer first calls the human through the same context (a Local channel into Stasis), brings them into the
/// agent's bridge when they answer, speaks the summary (the caller hears the introduction too), then the agent leaves
/// the bridge; the two stay connected until either hangs up (<see cref="AgentCallHandler"/> keeps the bridge).
/// </summary>
public sealed partial class AriCallControl(AriClient ari, AriChannelEventHub channels, AgentCallOptions options, string callerChannel, string bridgeId)
    : ICallControl
{
    private static readonly Dictionary<string, string> ContextsByKind = new(StringComparer.Ordinal)
    {
        ["extension"] = DialplanContexts.Extensions,
        ["queue"] = DialplanContexts.Queues,
        ["ringGroup"] = DialplanContexts.RingGroups,
        ["external"] = DialplanContexts.Outbound,
    };

    /// <summary>The human's channel after a warm transfer, which the handler keeps bridged with the caller.</summary>
    public string? WarmPeer { get; private set; }

    public async Task<TransferResult> TransferAsync(TransferTarget target, string? summary, Func<string, CancellationToken, Task> speak,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(speak);
        if (!ContextsByKind.TryGetValue(target.Kind, out var context)) return new TransferResult(false, $"'{target.Kind}' is not a kind of transfer target");
        // Checked when the agent was saved; checked again here because it becomes a dialplan extension.
        if (!Number().IsMatch(target.Number)) return new TransferResult(false, "the target's number is not dialable");
        // A queue answers its caller at once (Queue() answers before ringing members), so "the human answered" cannot be
        // told for a queue: it is always blind.
        if (!target.Warm || target.Kind == "queue")
        {
            await ari.Channels.ContinueInDialplanAsync(callerChannel, cancellationToken, context, target.Number, 1).ConfigureAwait(false);
            return TransferResult.Done;
        }
        return await WarmAsync(target, context, summary, speak, cancellationToken).ConfigureAwait(false);
    }

    public async Task HangupAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ari.Channels.HangupAsync(callerChannel, cancellationToken, reason: "normal").ConfigureAwait(false);
        }
        catch (AriException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The caller hung up first.
        }
    }

    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken) =>
        ari.Channels.SendDtmfAsync(callerChannel, digits, cancellationToken, betweenMs: 100, durationMs: 100);

    private async Task<TransferResult> WarmAsync(TransferTarget target, string context, string? summary,
        Func<string, CancellationToken, Task> speak, CancellationToken cancellationToken)
    {
        var legId = "botpbx-xfer-" + Guid.NewGuid().ToString("N");
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var claim = channels.Claim(legId);
        using var watch = channels.Watch(legId, e =>
        {
            if (e is StasisStartEvent) answered.TrySetResult(true);
            else if (e is ChannelDestroyedEvent or StasisEndEvent) answered.TrySetResult(false);
        });
        var caller = await ari.Channels.GetAsync(callerChannel, cancellationToken).ConfigureAwait(false);
        await ari.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = $"Local/{target.Number}@{context}",
            App = options.StasisApp,
            AppArgs = ["agent-transfer"],
            ChannelId = legId,
            CallerId = caller.Caller.Number,
            Timeout = (int)options.WarmTransferRingTimeout.TotalSeconds,
        }, cancellationToken).ConfigureAwait(false);
        bool ok;
        try
        {
            ok = await answered.Task.WaitAsync(options.WarmTransferRingTimeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ok = false;
        }
        if (!ok)
        {
            await HangupQuietlyAsync(legId).ConfigureAwait(false);
            return new TransferResult(false, $"nobody answered at {target.Name}");
        }
        await ari.Bridges.AddChannelAsync(bridgeId, [legId], cancellationToken).ConfigureAwait(false);
        WarmPeer = legId;
        await speak(string.IsNullOrWhiteSpace(summary) ? $"I am transferring a caller to you from {target.Name}." : summary, cancellationToken).ConfigureAwait(false);
        return TransferResult.Done;
    }

    private async Task HangupQuietlyAsync(string channel)
    {
        try
        {
            await ari.Channels.HangupAsync(channel, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AriException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"^\+?[0-9]{1,20}$")]
    private static partial Regex Number();
}

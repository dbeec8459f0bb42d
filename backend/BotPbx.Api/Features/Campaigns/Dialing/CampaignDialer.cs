using System.Collections.Concurrent;
using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Asterisk.Ami;
using BotPbx.Dialer.Contacts;
using BotPbx.Dialer.Pacing;

namespace BotPbx.Api.Features.Campaigns.Dialing;

/// <summary>
/// The dialer: every tick, for each running campaign whose window is open (see Scheduling/CampaignWindowJob), asks the <see cref="Pacer"/> how
/// many calls to start, claims that many contacts (attempt rows committed first) and sends async Originates. Outcomes
/// arrive as OriginateResponse (no connection: no answer, busy, failed) and as the UserEvents of the botpbx-campaign
/// context (human, machine, abandoned; the end with its cause and disposition). After a (re)connect, and every 30 s,
/// <see cref="CampaignReconciler"/> settles attempts this process is not following from Asterisk's own state.
/// </summary>
public sealed partial class CampaignDialer(AsteriskAccess asterisk, CampaignStore campaigns, DialerStore store, PbxStore pbx,
    CampaignCallPlanner planner, CampaignReconciler reconciler, TimeProvider time, ILogger<CampaignDialer> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(30);

    /// <summary>Attempts whose Originate this process is waiting on: never reconciled (Asterisk may not show them yet).</summary>
    private readonly ConcurrentDictionary<Guid, byte> _originating = new();
    /// <summary>Hang-up causes of dialled channels still being originated (their Uniqueid is the attempt id).</summary>
    private readonly ConcurrentDictionary<Guid, int> _causes = new();
    private AmiEventSubscription? _subscription;
    private IAmiClient? _subscribedClient;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconciled = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (asterisk.Client is { Status.State: AmiConnectionState.Connected } client)
                {
                    EnsureSubscribed(client, stoppingToken);
                    if (time.GetUtcNow() - reconciled > ReconcileEvery)
                    {
                        await reconciler.ReconcileAsync(client, _originating.Keys.ToHashSet(), stoppingToken);
                        reconciled = time.GetUtcNow();
                    }
                    foreach (var campaign in await campaigns.RunningAsync(stoppingToken)) await TickAsync(client, campaign, stoppingToken);
                }
                else
                {
                    // Reconnected later: settle what happened meanwhile before dialling again.
                    reconciled = DateTimeOffset.MinValue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, e);
            }
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task TickAsync(IAmiClient client, Campaign campaign, CancellationToken cancellationToken)
    {
        var s = campaign.Settings;
        // The window jobs (Hangfire, in the campaign's zone) open and close the window; the schedule is checked again
        // so that a close job running late (server down, slow poll) never lets a call start after the window.
        if (!campaign.WindowOpen || !CampaignValidator.ToSchedule(s.Schedule).IsOpen(time.GetUtcNow()))
        {
            return;
        }
        if (await CampaignTarget.ResolveAsync(s.OnAnswer, pbx, cancellationToken) is not { } target)
        {
            LogNoDestination(logger, campaign.Id);
            return;
        }
        var counts = await store.CountsAsync(campaign.Id, cancellationToken);
        int? free = target.QueueNumber is { } queue ? await FreeMembersAsync(client, queue, cancellationToken) : null;
        var toStart = Pacer.CallsToStart(new PacingInput(s.ConcurrentCalls, s.CallsPerMinute, counts.LiveCalls, counts.RingingCalls,
            counts.StartedLastMinute, free, counts.HumanAnswers, counts.Abandoned));
        if (toStart == 0)
        {
            if (counts.LiveCalls == 0) await campaigns.CompleteFinishedAsync(campaign.Id, cancellationToken);
            return;
        }
        var calls = await store.ClaimAsync(campaign.Id, toStart, cancellationToken);
        if (calls.Count == 0 && counts.LiveCalls == 0) await campaigns.CompleteFinishedAsync(campaign.Id, cancellationToken);
        foreach (var call in calls)
        {
            _originating[call.AttemptId] = 0;
            _ = Task.Run(() => OriginateAsync(client, campaign, call, target, cancellationToken), CancellationToken.None);
        }
    }

    private async Task OriginateAsync(IAmiClient client, Campaign campaign, ClaimedCall call, CampaignTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var request = await planner.PlanAsync(campaign, call, target, cancellationToken);
            LogDialling(logger, campaign.Id, call.ContactId, call.Attempt, call.AttemptId);
            var result = await client.OriginateAsync(request, cancellationToken);
            if (!result.Success)
            {
                // The channel's Hangup event comes before OriginateResponse on the wire, but another reader handles it:
                // give it a moment, its cause tells busy from a refusal.
                var cause = await CauseAsync(call.AttemptId, result.Reason);
                await store.RecordOutcomeAsync(call.AttemptId, CallOutcomes.FromOriginate(result.Reason, cause), ended: true, CancellationToken.None,
                    originateReason: result.Reason, hangupCause: cause);
                await reconciler.ForgetAsync(client, call.AttemptId, CancellationToken.None);
            }
        }
        catch (AmiActionException e)
        {
            // Asterisk refused the action itself (e.g. no such trunk endpoint): nothing was dialled.
            LogRefused(logger, call.AttemptId, e.Message);
            await store.RecordOutcomeAsync(call.AttemptId, CallOutcome.Failed, ended: true, CancellationToken.None, originateReason: 0);
        }
        catch (Exception e)
        {
            // Connection lost or no answer in time: whether Asterisk dialled is unknown, so the reconciler decides from its state.
            LogUnknown(logger, call.AttemptId, e.Message);
        }
        finally
        {
            _originating.TryRemove(call.AttemptId, out _);
            _causes.TryRemove(call.AttemptId, out _);
        }
    }

    private async Task<int?> CauseAsync(Guid attempt, int reason)
    {
        for (var waited = 0; reason is 0 or 1 && waited < 2000; waited += 50)
        {
            if (_causes.TryGetValue(attempt, out var cause)) return cause;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
        return _causes.TryGetValue(attempt, out var last) ? last : null;
    }

    private static async Task<int> FreeMembersAsync(IAmiClient client, string queue, CancellationToken cancellationToken)
    {
        var list = await client.SendEventListAsync(new AmiAction("QueueSummary").Add("Queue", queue), null, cancellationToken);
        return list.Items.Where(e => e.Is("QueueSummary")).Select(e => e.GetInt32("Available") ?? 0).FirstOrDefault();
    }

    private void EnsureSubscribed(IAmiClient client, CancellationToken stoppingToken)
    {
        if (ReferenceEquals(_subscribedClient, client)) return;
        _subscription?.Dispose();
        _subscribedClient = client;
        _subscription = client.Subscribe(e => (e.Is("UserEvent") && (e["UserEvent"] ?? "").StartsWith("BotPbxCampaign", StringComparison.Ordinal))
            || (e.Is("Hangup") && Guid.TryParseExact(e["Uniqueid"], "N", out var id) && _originating.ContainsKey(id)), capacity: 10_000);
        var subscription = _subscription;
        _ = Task.Run(() => ReadEventsAsync(client, subscription, stoppingToken), CancellationToken.None);
    }

    private async Task ReadEventsAsync(IAmiClient client, AmiEventSubscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in subscription.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await OnEventAsync(client, e, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogEventFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    private async Task OnEventAsync(IAmiClient client, AmiEvent e, CancellationToken cancellationToken)
    {
        if (e.Is("Hangup"))
        {
            if (Guid.TryParseExact(e["Uniqueid"], "N", out var dialled) && e.GetInt32("Cause") is { } cause) _causes[dialled] = cause;
            return;
        }
        if (!Guid.TryParse(e["Attempt"], out var attempt)) return;
        switch (e["UserEvent"])
        {
            case "BotPbxCampaign":
                if (!CallOutcomes.TryParse(e["Outcome"], out var outcome)) return;
                var (amdStatus, amdCause, name) = (e["AmdStatus"], e["AmdCause"], outcome.Name());
                LogOutcome(logger, attempt, name, amdStatus, amdCause);
                await store.RecordOutcomeAsync(attempt, outcome, ended: false, cancellationToken, amdStatus, amdCause);
                break;
            case "BotPbxCampaignEnd":
                // The hang-up handler is pushed only once answered: an end without an outcome is a person who hung up during AMD.
                await store.RecordOutcomeAsync(attempt, CallOutcome.Human, ended: false, cancellationToken, "HANGUP");
                await store.RecordEndAsync(attempt, e.GetInt32("Cause"), e["Disposition"], cancellationToken);
                await reconciler.ForgetAsync(client, attempt, cancellationToken);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign dialer tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: its on-answer destination no longer exists; not dialling")]
    private static partial void LogNoDestination(ILogger logger, long campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: dialling contact {ContactId}, attempt {Attempt} ({AttemptId})")]
    private static partial void LogDialling(ILogger logger, long campaignId, long contactId, int attempt, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign attempt {AttemptId}: Asterisk refused the Originate: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid attemptId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign attempt {AttemptId}: Originate result unknown ({Reason}); the reconciler will settle it")]
    private static partial void LogUnknown(ILogger logger, Guid attemptId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign attempt {AttemptId}: {Outcome} (AMD {AmdStatus} {AmdCause})")]
    private static partial void LogOutcome(ILogger logger, Guid attemptId, string outcome, string? amdStatus, string? amdCause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign event could not be recorded")]
    private static partial void LogEventFailed(ILogger logger, Exception exception);
}

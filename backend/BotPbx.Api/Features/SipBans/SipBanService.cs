using System.Diagnostics;
using System.Net;
using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Settings;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Security;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.SipBans;

/// <summary>
/// SIP brute-force protection: counts Asterisk's PJSIP security events per sender over AMI, bans an address that fails
/// too often, and keeps Asterisk's ACL (<see cref="PjsipBanFile"/>) equal to the active bans in PostgreSQL — written
/// atomically, then <c>module reload res_pjsip.so</c>. The ban file is outside the botpbx/ directory an apply swaps,
/// so a ban needs no apply of pending changes and an apply keeps it. Expired bans are lifted within
/// <see cref="ExpiryCheckInterval"/>. Counting, banning, unbanning and rewriting the file are serialised by one gate.
/// </summary>
public sealed partial class SipBanService(
    AmiClientHost ami, AsteriskAccess asterisk, SipBanStore store, SettingsStore settings, AuditLog audit,
    IOptions<AsteriskOptions> asteriskOptions, TimeProvider time, ILogger<SipBanService> logger) : BackgroundService
{
    public static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromSeconds(5);

    private const int MaxReloadAttempts = 50;
    private static readonly TimeSpan ReloadRetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly FailureTracker _tracker = new();
    private readonly HashSet<IPAddress> _banned = [];
    private SipBanPolicy _policy = SipBanPolicy.Default;
    // Set when the file was rewritten and Asterisk has not yet re-read it. Not set at start-up when the file is already
    // right: Asterisk read it when it started or when BotPBX last reloaded it, so a reconnect costs no reload.
    private bool _reloadPending;

    /// <summary><c>ASTERISK_CONFIG_DIR</c>/botpbx-runtime/pjsip_bans.conf.</summary>
    public string BanFilePath => Path.Combine(asteriskOptions.Value.ConfigDir, PjsipBanFile.RelativePath);

    public async Task<SipProtectionSettings> GetSettingsAsync(CancellationToken cancellationToken) =>
        await settings.GetAsync<SipProtectionSettings>(SipProtectionSettings.Key, cancellationToken) ?? SipProtectionSettings.Defaults;

    /// <summary>Stores new settings and applies them at once; active bans of addresses now allow-listed are lifted (returned).</summary>
    public async Task<IReadOnlyList<SipBan>> UpdateSettingsAsync(SipProtectionSettings next, long? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await settings.SetAsync(SipProtectionSettings.Key, next, userId, cancellationToken);
            _policy = next.ToPolicy();
            var now = time.GetUtcNow();
            var lifted = new List<SipBan>();
            foreach (var ban in await store.ActiveAsync(now, cancellationToken))
            {
                if (!AddressRange.TryParseAddress(ban.Address, out var address) || !_policy.IsAllowListed(address)) continue;
                if (await store.LiftAsync(ban.Id, "allow_listed", userId, now, cancellationToken) is { } done) lifted.Add(done);
            }
            if (lifted.Count > 0) await EnforceAsync(cancellationToken);
            return lifted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lifts an active ban now; null when there is no such active ban.</summary>
    public async Task<SipBan?> UnbanAsync(long id, long? userId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var ban = await store.LiftAsync(id, "unbanned", userId, time.GetUtcNow(), cancellationToken);
            if (ban is null) return null;
            if (AddressRange.TryParseAddress(ban.Address, out var address)) _tracker.Forget(address);
            await EnforceAsync(cancellationToken);
            return ban;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (the AMI client is created by AmiClientHost.StartAsync, registered before this).
        await Task.Yield();
        await StartUpAsync(stoppingToken);
        var client = ami.Client;
        if (client is null)
        {
            // No AMI: no events to count, but bans made earlier still expire and the file stays right for Asterisk's next start.
            await ExpiryLoopAsync(stoppingToken);
            return;
        }
        using var subscription = client.Subscribe(e => SecurityEvent.FailureNames.Contains(e.Name), capacity: 10_000);
        void OnStatus(object? sender, AmiConnectionStatus status)
        {
            if (status.State == AmiConnectionState.Connected) _wake.Release();
        }
        client.StatusChanged += OnStatus;
        try
        {
            await Task.WhenAll(EventLoopAsync(subscription, stoppingToken), ExpiryLoopAsync(stoppingToken));
        }
        finally
        {
            client.StatusChanged -= OnStatus;
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    private async Task StartUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            _policy = (await GetSettingsAsync(cancellationToken)).ToPolicy();
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await ExpireAsync(cancellationToken);
                await EnforceAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, "start-up", e);
        }
    }

    private async Task EventLoopAsync(AmiEventSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var amiEvent in subscription.ReadAllAsync(cancellationToken))
            {
                if (!amiEvent.TryAs(out SecurityEvent security) || !security.IsFailure) continue;
                // Only SIP: a ban is a PJSIP ACL, which cannot protect AMI or ARI (both on loopback anyway).
                if (!string.Equals(security.Service, "PJSIP", StringComparison.OrdinalIgnoreCase) || security.RemoteAddress is not { } remote) continue;
                try
                {
                    await OnFailureAsync(FailureTracker.Normalize(remote.Address), security, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, "counting a failed request", e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnFailureAsync(IPAddress address, SecurityEvent security, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A request already in flight when the ban took effect: nothing more to do.
            if (_banned.Contains(address)) return;
            var now = time.GetUtcNow();
            if (!_tracker.RecordFailure(address, now, _policy)) return;

            var started = Stopwatch.GetTimestamp();
            var account = Untrusted(security.AccountId);
            var ban = await store.CreateAsync(address.ToString(), now, now + _policy.BanDuration, _policy.MaxFailures, account, security.Name,
                cancellationToken);
            if (ban is null)
            {
                // Banned already (by another process, or a row this one had not loaded): just make sure Asterisk knows.
                await EnforceAsync(cancellationToken);
                return;
            }
            var enforced = await EnforceAsync(cancellationToken);
            LogBanned(logger, ban.Address, _policy.MaxFailures, (int)_policy.Window.TotalSeconds, ban.ExpiresAt, enforced,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await audit.WriteAsync(new AuditEntry(AuditActions.SipBanned, null, null, ban.Address, null, new
            {
                ban.Id,
                failures = _policy.MaxFailures,
                windowSeconds = (int)_policy.Window.TotalSeconds,
                ban.ExpiresAt,
                lastAccount = account,
                lastEvent = security.Name,
                enforced,
            }), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ExpiryLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(ExpiryCheckInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    _tracker.Prune(time.GetUtcNow(), _policy);
                    if (await ExpireAsync(cancellationToken) > 0 || _reloadPending) await EnforceAsync(cancellationToken);
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, "lifting expired bans", e);
            }
        }
    }

    /// <summary>Marks bans whose time is up as lifted and audits each. Caller holds the gate.</summary>
    private async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpireDueAsync(time.GetUtcNow(), cancellationToken);
        foreach (var ban in expired)
        {
            LogExpired(logger, ban.Address);
            await audit.WriteAsync(new AuditEntry(AuditActions.SipBanExpired, null, null, ban.Address, null, new { ban.Id, ban.BannedAt, ban.ExpiresAt }),
                cancellationToken);
        }
        return expired.Count;
    }

    /// <summary>
    /// Makes Asterisk refuse exactly the active bans: rewrites the file when it differs, then reloads res_pjsip. When
    /// Asterisk cannot be told (AMI down), the reload waits for the next connection. Caller holds the gate.
    /// </summary>
    /// <returns>True when Asterisk has reloaded the current list.</returns>
    private async Task<bool> EnforceAsync(CancellationToken cancellationToken)
    {
        var addresses = await store.ActiveAddressesAsync(time.GetUtcNow(), cancellationToken);
        _banned.Clear();
        foreach (var text in addresses)
        {
            if (AddressRange.TryParseAddress(text, out var address)) _banned.Add(address);
        }
        if (await RuntimeConfigWriter.WriteAsync(BanFilePath, PjsipBanFile.Render(_banned), cancellationToken)) _reloadPending = true;
        if (!_reloadPending) return true;
        if (asterisk.Manager is not { } manager || ami.Client?.Status.State != AmiConnectionState.Connected) return false;
        for (var attempt = 1; attempt <= MaxReloadAttempts; attempt++)
        {
            ModuleReloadOutcome outcome;
            try
            {
                outcome = await manager.ReloadModuleAsync(PjsipBanFile.ReloadModule, cancellationToken);
            }
            catch (AmiException e)
            {
                LogReloadFailed(logger, e.Message);
                return false;
            }
            if (outcome != ModuleReloadOutcome.InProgress)
            {
                _reloadPending = outcome != ModuleReloadOutcome.Reloaded;
                return !_reloadPending;
            }
            // An apply (or another reload) is running; res_pjsip will re-read the file then too, but do not rely on timing.
            await Task.Delay(ReloadRetryDelay, time, cancellationToken);
        }
        return false;
    }

    /// <summary>What the sender put in AccountID, made safe to store and show: printable ASCII, at most 80 characters.</summary>
    private static string? Untrusted(string text)
    {
        var clean = new string([.. text.Where(c => c is >= ' ' and <= '~').Take(80)]);
        return clean.Length == 0 ? null : clean;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP address {Address} banned after {Failures} failed requests within {Window} s, until {ExpiresAt}; Asterisk enforcing: {Enforced} ({Milliseconds:F0} ms)")]
    private static partial void LogBanned(ILogger logger, string address, int failures, int window, DateTimeOffset expiresAt, bool enforced, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP ban of {Address} expired")]
    private static partial void LogExpired(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP bans: reloading res_pjsip failed ({Message}); retried when AMI is back")]
    private static partial void LogReloadFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "SIP bans: {What} failed")]
    private static partial void LogFailed(ILogger logger, string what, Exception exception);
}

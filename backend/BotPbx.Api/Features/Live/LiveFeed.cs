using System.Security.Claims;
using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Auth;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Live;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Keeps the live model equal to Asterisk and tells everyone what changed. One loop owns the model: it applies AMI
/// events in order, and resynchronises — drains what is queued, asks Asterisk for its lists
/// (<see cref="LiveAsteriskReader"/>), replaces the model by them — at start, after every (re)connection, after a loss
/// of events (the subscription's in-stream <c>BotPbxEventsLost</c> marker or its EventsLost callback), and when
/// Asterisk says it has fully booted (after <c>core restart</c>, hints are empty until then). Events that arrive while
/// the lists are read wait in the subscription and are applied after them. The directory (extensions, queues, trunks)
/// and AstDB's DND keys are re-read every <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class LiveFeed(
    AmiClientHost ami, LiveDirectorySource directory, LiveEventBus bus, LiveHubDispatcher hub, TimeProvider time, ILogger<LiveFeed> logger)
    : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private int _resyncWanted = 1;
    private long _version;
    private DateTimeOffset? _syncedAt;
    private DateTimeOffset _nextRefresh;

    public LiveModel Model { get; } = new();

    /// <summary>Resyncs done since start (tests and the status message read it).</summary>
    public int Resyncs { get; private set; }

    public DateTimeOffset? SyncedAt => _syncedAt;

    public bool Connected => ami.Client?.Status.State == AmiConnectionState.Connected;

    /// <summary>Asks the loop to resynchronise as soon as it can.</summary>
    public void RequestResync()
    {
        Interlocked.Exchange(ref _resyncWanted, 1);
        _wake.Release();
    }

    public LiveViewer Viewer(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        return Viewer(user.UserId() ?? 0, role);
    }

    public LiveViewer Viewer(long userId, string role)
    {
        var extensions = Model.Directory.Extensions.Values.Where(e => e.UserId == userId).Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
        return new LiveViewer(userId, role, extensions);
    }

    public LiveSnapshot Snapshot(LiveViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        lock (Model.Gate)
        {
            return new LiveSnapshot(Interlocked.Read(ref _version), time.GetUtcNow(), Connected, _syncedAt,
                Calls(viewer), Model.Extensions(), Queues(viewer));
        }
    }

    public IReadOnlyList<LiveCallView> Calls(LiveViewer viewer) =>
        [.. Model.Calls().Where(c => viewer.IsStaff || c.Extensions.Any(viewer.Extensions.Contains))];

    public IReadOnlyList<LiveQueueView> Queues(LiveViewer viewer) =>
        [.. Model.Queues().Where(q => viewer.IsStaff || q.Members.Any(m => m.Extension is { } n && viewer.Extensions.Contains(n)))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (AmiClientHost.StartAsync creates the client).
        await Task.Yield();
        await RefreshDirectoryAsync(stoppingToken);
        var client = ami.Client;
        if (client is null)
        {
            // No Asterisk to follow: the extension board still lists the configured extensions (all offline).
            LogNoAmi(logger);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(RefreshInterval, time, stoppingToken);
                    await RefreshDirectoryAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            return;
        }
        using var subscription = client.Subscribe(e => Model.Handles(e.Name) || e.Is(EventsLostEvent.EventName) || e.Is("FullyBooted") || e.Is("Reload"), capacity: 100_000);
        subscription.EventsLost += OnEventsLost;
        client.StatusChanged += OnStatusChanged;
        try
        {
            await RunAsync(client, subscription, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            client.StatusChanged -= OnStatusChanged;
            subscription.EventsLost -= OnEventsLost;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(IAmiClient client, AmiEventSubscription subscription, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        // One pending wait of each kind at a time: the event queue has a single reader, and a wake-up must not be
        // swallowed by a wait nobody looks at any more.
        Task<bool>? readable = null;
        Task<bool>? woken = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (reader.TryRead(out var amiEvent)) Apply(amiEvent);
            if (Volatile.Read(ref _resyncWanted) == 1 && client.Status.State == AmiConnectionState.Connected) await ResyncAsync(client, reader, cancellationToken);
            if (time.GetUtcNow() >= _nextRefresh) await RefreshAsync(client, cancellationToken);
            readable ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            woken ??= _wake.WaitAsync(RefreshInterval, cancellationToken);
            await Task.WhenAny(readable, woken);
            if (woken.IsCompleted) woken = null;
            if (readable.IsCompleted)
            {
                if (!await readable) return;
                readable = null;
            }
        }
    }

    private void Apply(AmiEvent amiEvent)
    {
        // An apply reloads modules (Event: Reload): extensions, queues or trunks may be new, so read the directory and
        // Asterisk's lists again (new hints and queues only show there).
        if (amiEvent.Is(EventsLostEvent.EventName) || amiEvent.Is("FullyBooted") || amiEvent.Is("Reload"))
        {
            LogResyncWanted(logger, amiEvent.Name, amiEvent["Reason"] ?? amiEvent["Status"] ?? "");
            Interlocked.Exchange(ref _resyncWanted, 1);
            return;
        }
        try
        {
            Publish(Model.Apply(amiEvent, time.GetUtcNow()));
        }
        catch (Exception e)
        {
            // One event the model cannot read must not stop the feed; the model may be off now: resync.
            LogApplyFailed(logger, amiEvent.Name, e);
            Interlocked.Exchange(ref _resyncWanted, 1);
        }
    }

    private async Task ResyncAsync(IAmiClient client, System.Threading.Channels.ChannelReader<AmiEvent> reader, CancellationToken cancellationToken)
    {
        await RefreshDirectoryAsync(cancellationToken);
        // Everything queued happened before the lists are asked for: apply it first. Only then is the wish cleared: an
        // apply reloads several modules, and the Reload events already queued are answered by this one resync, not
        // each by another one.
        while (reader.TryRead(out var queued)) Apply(queued);
        Interlocked.Exchange(ref _resyncWanted, 0);
        var started = time.GetTimestamp();
        try
        {
            var input = await LiveAsteriskReader.ReadAsync(client, Model.ExtensionNumbers(), cancellationToken);
            var changes = Model.Resync(input, time.GetUtcNow());
            _syncedAt = time.GetUtcNow();
            Resyncs++;
            Publish(changes);
            hub.Send("status", new LiveStatusDelta(Interlocked.Read(ref _version), true, _syncedAt), LiveAudience.AllUsers);
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            LogResynced(logger, Model.CallCount, Model.ChannelCount, changes.Count, elapsed);
        }
        catch (Exception e) when (e is AmiException or TimeoutException)
        {
            LogResyncFailed(logger, e.Message);
            Interlocked.Exchange(ref _resyncWanted, 1);
            await Task.Delay(RetryDelay, time, cancellationToken);
        }
    }

    private async Task RefreshAsync(IAmiClient client, CancellationToken cancellationToken)
    {
        _nextRefresh = time.GetUtcNow() + RefreshInterval;
        await RefreshDirectoryAsync(cancellationToken);
        if (client.Status.State != AmiConnectionState.Connected) return;
        try
        {
            var dnd = await LiveAsteriskReader.ReadDndAsync(client, Model.ExtensionNumbers(), cancellationToken);
            var now = time.GetUtcNow();
            foreach (var (number, value) in dnd) Publish(Model.SetDnd(number, value, now));
        }
        catch (AmiException e)
        {
            LogResyncFailed(logger, e.Message);
        }
    }

    private async Task RefreshDirectoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            Publish(Model.SetDirectory(await directory.LoadAsync(cancellationToken), time.GetUtcNow()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDirectoryFailed(logger, e.Message);
        }
    }

    private void Publish(IReadOnlyList<LiveChange> changes)
    {
        foreach (var change in changes)
        {
            var version = Interlocked.Increment(ref _version);
            switch (change)
            {
                case CallEnded ended:
                    hub.Send("callEnded", new LiveCallEndedDelta(version, ended.Call.CallId, ended.DurationSeconds, ended.Disposition),
                        LiveAudience.StaffAnd(ended.Call.Extensions));
                    break;
                case CallStarted or CallAnswered or CallUpdated or CallTransferred:
                    var call = CallOf(change);
                    hub.Send("call", new LiveCallDelta(version, call), LiveAudience.StaffAnd(call.Extensions));
                    break;
                case ExtensionChanged extension:
                    hub.Send("extension", new LiveExtensionDelta(version, extension.Extension), LiveAudience.AllUsers);
                    break;
                case QueueChanged queue:
                    hub.Send("queue", new LiveQueueDelta(version, queue.Queue),
                        LiveAudience.StaffAnd([.. queue.Queue.Members.Select(m => m.Extension).OfType<string>()]));
                    break;
            }
            if (LiveEventMapper.ToEvent(change) is { } liveEvent) bus.Publish(liveEvent, toBrowsers: false);
        }
    }

    private static LiveCallView CallOf(LiveChange change) => change switch
    {
        CallStarted s => s.Call,
        CallAnswered a => a.Call,
        CallUpdated u => u.Call,
        CallTransferred t => t.Call,
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private void OnEventsLost(object? sender, AmiEventsLost loss) => RequestResync();

    private void OnStatusChanged(object? sender, AmiConnectionStatus status)
    {
        if (status.State == AmiConnectionState.Connected) RequestResync();
        else hub.Send("status", new LiveStatusDelta(Interlocked.Read(ref _version), false, _syncedAt), LiveAudience.AllUsers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live: AMI is not configured; the live model stays empty")]
    private static partial void LogNoAmi(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live: resync wanted ({Event} {Detail})")]
    private static partial void LogResyncWanted(ILogger logger, string @event, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live: resynchronised from Asterisk: {Calls} calls, {Channels} channels, {Changes} changes ({Milliseconds:F0} ms)")]
    private static partial void LogResynced(ILogger logger, int calls, int channels, int changes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live: resync failed ({Message}); retrying")]
    private static partial void LogResyncFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live: reading extensions and queues failed ({Message})")]
    private static partial void LogDirectoryFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live: applying AMI event {Event} failed; resyncing")]
    private static partial void LogApplyFailed(ILogger logger, string @event, Exception exception);
}

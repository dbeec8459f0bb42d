using System.Threading.Channels;

namespace BotPbx.Asterisk.Ari;

/// <summary>The ARI event socket, kept open for the life of the service: connects, reads events into a bounded
/// buffer in arrival order, and reconnects with back-off whenever the connection drops or an attempt fails.
/// Read <see cref="Reader"/> from ONE consumer to keep the order.</summary>
public sealed class AriEventListener : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
    private readonly AriOptions options;
    private readonly Func<CancellationToken, Task> onConnected;
    private readonly Channel<AriEvent> buffer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? loop;
    private AriEventSocket? current;
    private AriConnectionState state = AriConnectionState.Stopped;
    private long connections;
    private volatile bool stopRequested;
    private Task? stopTask;
    private Exception? lastError;

    internal AriEventListener(AriOptions options, Func<CancellationToken, Task> onConnected)
    {
        this.options = options;
        this.onConnected = onConnected;
        buffer = System.Threading.Channels.Channel.CreateBounded<AriEvent>(new BoundedChannelOptions(options.EventBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The events, oldest first. Completes after <see cref="StopAsync"/>.</summary>
    public ChannelReader<AriEvent> Reader => buffer.Reader;

    public AriConnectionState State
    {
        get { lock (gate) return state; }
    }

    /// <summary>Why the last connection or attempt ended; stays set after a successful reconnect.</summary>
    public Exception? LastError
    {
        get => Volatile.Read(ref lastError);
        private set => Volatile.Write(ref lastError, value);
    }

    /// <summary>How many upgrades succeeded so far (1 = the first connection, 2 = one reconnect…).</summary>
    public long ConnectionCount => Interlocked.Read(ref connections);

    /// <summary>Raised on the stream's own task; handlers must be quick and must not throw.</summary>
    public event EventHandler<AriConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Starts connecting in the background; returns at once. Starting twice is a no-op.</summary>
    public void Start()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
            loop ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    /// <summary>Closes the socket with 1000 (Asterisk echoes it), ends the loop and completes <see cref="Reader"/>.
    /// Callers that stop at the same time (a host stopping while it disposes) share one stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? mine = null;
        Task shared;
        lock (gate)
        {
            if (stopTask is null)
            {
                mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                stopTask = mine.Task;
            }
            shared = stopTask;
        }
        if (mine is null)
        {
            await shared.ConfigureAwait(false);
            return;
        }
        try
        {
            await StopCoreAsync(cancellationToken).ConfigureAwait(false);
            mine.SetResult();
        }
        catch (OperationCanceledException e)
        {
            mine.SetCanceled(e.CancellationToken);
            throw;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            throw;
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        Task? running;
        AriEventSocket? socket;
        lock (gate)
        {
            stopRequested = true;
            running = loop;
            socket = current;
        }
        if (socket is not null)
            await socket.CloseAsync(cancellationToken).ConfigureAwait(false);
        if (running is not null && socket is not null)
        {
            // Give Asterisk's close echo a moment to end the read loop cleanly, then cut it.
            await Task.WhenAny(running, Task.Delay(StopGrace, cancellationToken)).ConfigureAwait(false);
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        if (running is not null)
            await running.ConfigureAwait(false);
        buffer.Writer.TryComplete();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested && !stopRequested)
        {
            SetState(AriConnectionState.Connecting, null);
            Exception? error;
            try
            {
                error = await ConnectAndReadAsync(stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is AriException or AriTransportException or TimeoutException)
            {
                error = e;
                failures++;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Anything unforeseen still must not end the loop of a service that runs for months: report it
                // like any lost connection and try again.
                error = e;
                failures++;
            }
            if (stop.IsCancellationRequested || stopRequested)
                break;
            LastError = error;
            SetState(AriConnectionState.WaitingToReconnect, error);
            try
            {
                await Task.Delay(AriBackoff.Delay(options.ReconnectMinDelay, options.ReconnectMaxDelay, failures), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        SetState(AriConnectionState.Stopped, null);
        buffer.Writer.TryComplete();
    }

    /// <summary>One connection's life. Returns why it ended once it was up; throws when it never came up.</summary>
    private async Task<Exception> ConnectAndReadAsync(CancellationToken stop)
    {
        using var socket = await AriEventSocket.ConnectAsync(options, stop).ConfigureAwait(false);
        lock (gate)
            current = socket;
        try
        {
            Interlocked.Increment(ref connections);
            SetState(AriConnectionState.Connected, null);
            await ResubscribeAsync(stop).ConfigureAwait(false);
            return await socket.ReadEventsAsync(buffer.Writer, stop).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
                current = null;
        }
    }

    /// <summary>Event sources added through <see cref="AriClient.SubscribeAsync"/> are repeated on every new
    /// connection. A failure here is recorded but keeps the connection: StasisStart traffic still flows.</summary>
    private async Task ResubscribeAsync(CancellationToken stop)
    {
        try
        {
            await onConnected(stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AriException or AriTransportException or TimeoutException)
        {
            LastError = e;
        }
    }

    private void SetState(AriConnectionState next, Exception? error)
    {
        AriConnectionState previous;
        lock (gate)
        {
            previous = state;
            if (previous == next)
                return;
            state = next;
        }
        StateChanged?.Invoke(this, new AriConnectionStateChangedEventArgs(previous, next, error));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The shared stop was started with a token that has since fired; the loop is ended below either way.
            await stopping.CancelAsync().ConfigureAwait(false);
        }
        stopping.Dispose();
    }
}

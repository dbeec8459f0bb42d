using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

namespace BotPbx.Voice.Providers;

/// <summary>
/// What Deepgram and AssemblyAI sessions share: a WebSocket, a receive loop that hands each JSON message to the vendor's
/// <see cref="OnMessage"/>, a keep-alive while the caller is silent, and a goodbye on dispose. A failure of the loop
/// (the vendor closed, malformed JSON) ends <see cref="ResultsAsync"/> with that <see cref="ProviderException"/>.
/// </summary>
internal abstract class StreamingSttSession : ISttSession
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _keepingAlive;
    private long _lastSendTicks = Environment.TickCount64;
    private int _disposed;

    protected StreamingSttSession(VendorWebSocket socket, string provider, TimeSpan flushTimeout, TimeSpan keepAliveEvery)
    {
        Socket = socket;
        Provider = provider;
        Transcript = new TurnTranscript(Results.Writer, flushTimeout);
        _receiving = ReceiveLoopAsync();
        _keepingAlive = KeepAliveLoopAsync(keepAliveEvery);
    }

    protected VendorWebSocket Socket { get; }

    protected string Provider { get; }

    protected Channel<SttResult> Results { get; } = Channel.CreateUnbounded<SttResult>(new UnboundedChannelOptions { SingleReader = true });

    protected TurnTranscript Transcript { get; }

    public virtual async ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        if (pcm16.IsEmpty) return;
        await SendAudioAsync(pcm16, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (Transcript.BeginFlush()) await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SttResult> ResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in Results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SayGoodbyeAsync(limit.Token).ConfigureAwait(false);
            // The vendor answers the goodbye with its last results and a close; give it a moment, not the call's time.
            await _receiving.WaitAsync(limit.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception e) when (e is ProviderException or OperationCanceledException)
        {
            // Already gone: nothing to say goodbye to.
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        Socket.Abort();
        await Task.WhenAll(_receiving, _keepingAlive).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Results.Writer.TryComplete();
        await Socket.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Handles one JSON message of the vendor; throwing <see cref="JsonException"/> or <see cref="KeyNotFoundException"/> marks it malformed.</summary>
    protected abstract void OnMessage(JsonElement message);

    /// <summary>Asks the vendor for the final result of what it heard (Deepgram Finalize, AssemblyAI ForceEndpoint).</summary>
    protected abstract Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>Tells the vendor the session is over (CloseStream, Terminate).</summary>
    protected abstract Task SayGoodbyeAsync(CancellationToken cancellationToken);

    /// <summary>A message that keeps an idle stream open (only sent when no audio went out for a while); null: none needed.</summary>
    protected abstract string? KeepAliveMessage { get; }

    protected async Task SendAudioAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        await Socket.SendBinaryAsync(pcm16, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastSendTicks, Environment.TickCount64);
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var text in Socket.ReceiveTextAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    using var json = JsonDocument.Parse(text);
                    OnMessage(json.RootElement);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw VendorHttp.Malformed(Provider, "message", e);
                }
            }
            Results.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Results.Writer.TryComplete();
        }
        catch (Exception e) when (Volatile.Read(ref _disposed) == 0)
        {
            Results.Writer.TryComplete(e);
        }
        catch (Exception)
        {
            Results.Writer.TryComplete();
        }
    }

    private async Task KeepAliveLoopAsync(TimeSpan every)
    {
        if (KeepAliveMessage is not { } message || every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Environment.TickCount64 - Volatile.Read(ref _lastSendTicks) < every.TotalMilliseconds) continue;
                await Socket.SendTextAsync(message, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ProviderException)
        {
            // Stopped, or the stream is gone (the receive loop reports that).
        }
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>The state of one call and its two directions; the read loop lives in <see cref="AudioSocketConnection"/>.</summary>
internal sealed partial class AudioSocketSession : IAudioSocketSession, IAsyncDisposable
{
    private static readonly byte[] HangupFrame = [(byte)AudioSocketKind.Hangup, 0, 0];

    private readonly Socket _socket;
    private readonly AudioSocketOptions _options;
    private readonly Channel<AudioSocketFrame> _incoming;
    private readonly OutgoingAudioQueue _outgoing;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly AudioSocketPacerDelay _pacerDelay;
    private Task _closedCancellation = Task.CompletedTask;
    private AudioSocketCloseReason _closeReason;
    private int _hangupRequested;
    private int _outputKind;
    private int _inputKind = -1;
    private long _framesReceived;
    private long _framesSent;
    private long _incomingDropped;

    public AudioSocketSession(Guid id, Socket socket, AudioSocketOptions options)
    {
        Id = id;
        Remote = socket.RemoteEndPoint;
        _socket = socket;
        _options = options;
        _outputKind = (int)options.OutputKind;
        _pacerDelay = new AudioSocketPacerDelay(options.TimeProvider);
        _incoming = Channel.CreateBounded<AudioSocketFrame>(
            // Synchronous continuations: the consumer resumes on the read loop instead of a thread-pool hop per frame, the
            // way an echo or a speech recogniser wants its audio at once (issue 13). A consumer must not block.
            new BoundedChannelOptions(options.IncomingCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
                AllowSynchronousContinuations = true,
            },
            _ => Interlocked.Increment(ref _incomingDropped));
        _outgoing = new OutgoingAudioQueue(Math.Max(
            AudioSocketFormats.BytesPer(AudioSocketKind.Slin192, options.FrameDuration),
            AudioSocketFormats.BytesPer(options.OutputKind, options.MaxQueuedAudio)));
        // A hang-up the peer does not answer by closing is ended by closing the socket (see HangupAsync).
        _abort.Token.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
    }

    public Guid Id { get; }

    public EndPoint? Remote { get; }

    public ChannelReader<AudioSocketFrame> Incoming => _incoming.Reader;

    public AudioSocketKind? InputKind => Volatile.Read(ref _inputKind) is var kind and >= 0 ? (AudioSocketKind)kind : null;

    public AudioSocketKind OutputKind
    {
        get => (AudioSocketKind)Volatile.Read(ref _outputKind);
        set
        {
            if (!AudioSocketFormats.IsAudio(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Not an audio kind.");
            Volatile.Write(ref _outputKind, (int)value);
        }
    }

    public CancellationToken Closed => _closed.Token;

    public Task Completion => _completion.Task;

    public AudioSocketCloseReason CloseReason
    {
        get
        {
            lock (_lock) return _closeReason;
        }
    }

    public bool IsClosed => CloseReason != AudioSocketCloseReason.None;

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long IncomingDropped => Interlocked.Read(ref _incomingDropped);

    public TimeSpan QueuedAudio => ToDuration(_outgoing.QueuedBytes);

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken)
    {
        if (pcm.Length % 2 != 0) throw new ArgumentException("16-bit audio must be a whole number of 2-byte samples.", nameof(pcm));
        return _outgoing.EnqueueAsync(pcm, cancellationToken);
    }

    public Task WaitForSentAsync(CancellationToken cancellationToken) => _outgoing.WaitForDrainAsync(cancellationToken);

    public TimeSpan ClearOutgoingAudio() => ToDuration(_outgoing.Clear());

    public async Task HangupAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _hangupRequested, 1) == 0 && !IsClosed)
        {
            _outgoing.Complete();
            using var sendLimit = new CancellationTokenSource(_options.CloseTimeout);
            try
            {
                await _writeLock.WaitAsync(sendLimit.Token).ConfigureAwait(false);
                try
                {
                    await SendAllAsync(HangupFrame, sendLimit.Token).ConfigureAwait(false);
                    _socket.Shutdown(SocketShutdown.Send);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                Close(AudioSocketCloseReason.ConnectionFailed);
            }
            // Asterisk closes in the same millisecond (fixture server-sends-hangup); if it does not, close anyway.
            _abort.CancelAfter(_options.CloseTimeout);
        }
        try
        {
            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (IsClosed)
        {
            // The caller's token is usually the session's own, which fires because the session closed: that is success.
        }
    }

    /// <summary>Hands one frame from the read loop to the reader of <see cref="Incoming"/>.</summary>
    internal void OnFrame(in AudioSocketRawFrame frame)
    {
        switch (frame.Kind)
        {
            case AudioSocketKind.Hangup:
                Close(AudioSocketCloseReason.PeerHangup);
                return;
            case AudioSocketKind.Uuid:
                throw new AudioSocketProtocolException("A second UUID frame arrived in the middle of the call.");
            default:
                if (AudioSocketFormats.IsAudio(frame.Kind))
                {
                    Volatile.Write(ref _inputKind, (int)frame.Kind);
                    Interlocked.Increment(ref _framesReceived);
                }
                _incoming.Writer.TryWrite(new AudioSocketFrame(frame.Kind, frame.Payload.ToArray()));
                return;
        }
    }

    /// <summary>The one way to end a session: incoming completes, queued audio is dropped, <see cref="Closed"/> fires. Idempotent.</summary>
    internal void Close(AudioSocketCloseReason reason)
    {
        lock (_lock)
        {
            if (_closeReason != AudioSocketCloseReason.None) return;
            _closeReason = reason;
        }
        _incoming.Writer.TryComplete();
        _outgoing.Complete();
        _pacerDelay.Wake();
        // Completion first: whoever awaits it with the session's own token (HangupAsync from a handler) must see the
        // session complete, not the token that fires because of it.
        _completion.TrySetResult();
        // Asynchronous, so the read loop never runs consumer code through token callbacks.
        _closedCancellation = _closed.CancelAsync();
    }

    /// <summary>Whether the server asked for the hang-up; the EOF that follows is then the server's doing.</summary>
    internal bool HangupRequested => Volatile.Read(ref _hangupRequested) != 0;

    public async ValueTask DisposeAsync()
    {
        Close(AudioSocketCloseReason.ConnectionFailed);
        await _closedCancellation.ConfigureAwait(false);
        _writeLock.Dispose();
        _pacerDelay.Dispose();
        _closed.Dispose();
        _abort.Dispose();
    }

    private async Task SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan ToDuration(long bytes) =>
        TimeSpan.FromTicks(bytes / 2 * TimeSpan.TicksPerSecond / AudioSocketFormats.SampleRate(OutputKind));
}

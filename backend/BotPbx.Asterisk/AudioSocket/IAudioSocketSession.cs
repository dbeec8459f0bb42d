using System.Net;
using System.Threading.Channels;

namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// One AudioSocket call, full duplex: frames from Asterisk arrive on <see cref="Incoming"/> while audio handed to
/// <see cref="SendAudioAsync"/> is paced out in <see cref="AudioSocketOptions.FrameDuration"/> frames.
/// Found by its UUID in the <see cref="AudioSocketSessionRegistry"/>.
/// </summary>
public interface IAudioSocketSession
{
    /// <summary>The UUID of the first frame: <c>AudioSocket(uuid,…)</c>'s argument, or externalMedia's <c>data</c>.</summary>
    Guid Id { get; }

    EndPoint? Remote { get; }

    /// <summary>
    /// Audio, DTMF and error frames in arrival order. Completes when the session closes. A reader that falls more than
    /// <see cref="AudioSocketOptions.IncomingCapacity"/> frames behind loses the oldest (see <see cref="IncomingDropped"/>).
    /// Incoming audio is not paced: ARI externalMedia delivered its first ~470 ms in one burst. The consumer resumes on
    /// the socket's read loop (no thread-pool hop per frame), so it must await, never block.
    /// </summary>
    ChannelReader<AudioSocketFrame> Incoming { get; }

    /// <summary>The kind of the last audio frame received; null before the first one.</summary>
    AudioSocketKind? InputKind { get; }

    /// <summary>The kind outgoing audio is framed as; starts as <see cref="AudioSocketOptions.OutputKind"/>.</summary>
    AudioSocketKind OutputKind { get; set; }

    /// <summary>Fires when the session is over, whichever side ended it.</summary>
    CancellationToken Closed { get; }

    /// <summary>Completes when the session is over.</summary>
    Task Completion { get; }

    AudioSocketCloseReason CloseReason { get; }

    long FramesReceived { get; }

    long FramesSent { get; }

    long IncomingDropped { get; }

    /// <summary>Outgoing audio not yet sent.</summary>
    TimeSpan QueuedAudio { get; }

    /// <summary>
    /// Queues 16-bit little-endian mono samples in <see cref="OutputKind"/>'s rate (any amount; the bytes are copied).
    /// Waits when <see cref="AudioSocketOptions.MaxQueuedAudio"/> is already queued. Throws
    /// <see cref="AudioSocketClosedException"/> once the session is closing.
    /// </summary>
    ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken);

    /// <summary>Completes when all audio queued so far has been sent (e.g. to hang up after a goodbye).</summary>
    Task WaitForSentAsync(CancellationToken cancellationToken);

    /// <summary>Drops the audio not yet sent (the caller started talking); returns how much was dropped.</summary>
    TimeSpan ClearOutgoingAudio();

    /// <summary>
    /// Sends the hang-up frame (<c>00 00 00</c>); Asterisk closes at once and continues the dialplan after AudioSocket()
    /// (fixture audiosocket-609-server-sends-hangup). Queued audio is dropped. Completes when the session is closed.
    /// </summary>
    Task HangupAsync(CancellationToken cancellationToken);
}

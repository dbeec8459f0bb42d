namespace BotPbx.Asterisk.Ari;

/// <summary>/channels: media — playback, recording, snooping and external media.</summary>
public sealed partial class AriChannels
{
    /// <summary>Queues media on the channel (201 + Playback). Without media Asterisk answers 500, and a media with
    /// an unknown scheme is still accepted as <c>queued</c> (fixture ari-stasis-call-rest).</summary>
    public Task<Playback> PlayAsync(string channelId, PlayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.AppendTo(AriPath.Of("channels", channelId, "play"));
        return http.SendAsync(Post, path, AriJsonContext.Default.Playback, cancellationToken);
    }

    public Task<LiveRecording> RecordAsync(string channelId, RecordRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = AriRecordings.AppendTo(AriPath.Of("channels", channelId, "record"), request);
        return http.SendAsync(Post, path, AriJsonContext.Default.LiveRecording, cancellationToken);
    }

    /// <summary>Creates a Snoop channel on <paramref name="channelId"/> that enters <see cref="SnoopRequest.App"/>.</summary>
    public Task<Channel> SnoopAsync(string channelId, SnoopRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = AriPath.Of("channels", channelId, "snoop")
            .Query("app", request.App)
            .Query("spy", request.Spy == SnoopDirection.None ? null : AriWire.Of(request.Spy))
            .Query("whisper", request.Whisper == SnoopDirection.None ? null : AriWire.Of(request.Whisper))
            .Query("appArgs", request.AppArgs)
            .Query("snoopId", request.SnoopId);
        return http.SendAsync(Post, path, AriJsonContext.Default.Channel, cancellationToken);
    }

    /// <summary>Creates an external media channel (AudioSocket over TCP, or RTP over UDP). It enters the application
    /// with its own StasisStart; add it to a bridge with the caller to carry the audio.</summary>
    public Task<Channel> ExternalMediaAsync(ExternalMediaRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = AriPath.Of("channels", "externalMedia")
            .Query("app", request.App)
            .Query("channelId", request.ChannelId)
            .Query("external_host", request.ExternalHost)
            .Query("encapsulation", AriWire.Of(request.Encapsulation))
            .Query("transport", AriWire.Of(request.Transport))
            .Query("connection_type", request.ConnectionType)
            .Query("format", request.Format)
            .Query("direction", request.Direction)
            .Query("data", request.Data);
        return http.SendAsync(Post, path, AriJsonContext.Default.Channel, cancellationToken, VariablesBody(request.Variables));
    }
}

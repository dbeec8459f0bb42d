namespace BotPbx.Asterisk.Ari;

/// <summary>/playbacks: follow and control a running playback.</summary>
public sealed class AriPlaybacks
{
    private readonly AriHttp http;

    internal AriPlaybacks(AriHttp http) => this.http = http;

    public Task<Playback> GetAsync(string playbackId, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("playbacks", playbackId), AriJsonContext.Default.Playback, cancellationToken);

    /// <summary>Stops the playback (PlaybackFinished follows).</summary>
    public Task StopAsync(string playbackId, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("playbacks", playbackId), cancellationToken);

    public Task ControlAsync(string playbackId, PlaybackOperation operation, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Post, AriPath.Of("playbacks", playbackId, "control").Query("operation", AriWire.Of(operation)), cancellationToken);
}

namespace BotPbx.Asterisk.Ari;

/// <summary>/recordings: live recordings (in progress) and stored recordings (finished files).</summary>
public sealed class AriRecordings
{
    private readonly AriHttp http;

    internal AriRecordings(AriHttp http) => this.http = http;

    public Task<LiveRecording> GetLiveAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("recordings", "live", name), AriJsonContext.Default.LiveRecording, cancellationToken);

    /// <summary>Stops and keeps the recording (RecordingFinished follows).</summary>
    public Task StopAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Post, AriPath.Of("recordings", "live", name, "stop"), cancellationToken);

    /// <summary>Stops and discards the recording.</summary>
    public Task CancelAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("recordings", "live", name), cancellationToken);

    public Task PauseAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Post, AriPath.Of("recordings", "live", name, "pause"), cancellationToken);

    public Task UnpauseAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("recordings", "live", name, "pause"), cancellationToken);

    /// <summary>Records silence instead of the audio (e.g. while a card number is spoken).</summary>
    public Task MuteAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Post, AriPath.Of("recordings", "live", name, "mute"), cancellationToken);

    public Task UnmuteAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("recordings", "live", name, "mute"), cancellationToken);

    public Task<IReadOnlyList<StoredRecording>> ListStoredAsync(CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("recordings", "stored"), AriJsonContext.Default.IReadOnlyListStoredRecording, cancellationToken);

    public Task<StoredRecording> GetStoredAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("recordings", "stored", name), AriJsonContext.Default.StoredRecording, cancellationToken);

    public Task DeleteStoredAsync(string name, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("recordings", "stored", name), cancellationToken);

    internal static AriPath AppendTo(AriPath path, RecordRequest request) => path
        .Query("name", request.Name)
        .Query("format", request.Format)
        .Query("maxDurationSeconds", request.MaxDurationSeconds)
        .Query("maxSilenceSeconds", request.MaxSilenceSeconds)
        .Query("ifExists", request.IfExists)
        .Query("beep", request.Beep)
        .Query("terminateOn", request.TerminateOn);
}

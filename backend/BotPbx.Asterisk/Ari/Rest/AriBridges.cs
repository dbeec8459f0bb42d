namespace BotPbx.Asterisk.Ari;

/// <summary>/bridges: mix channels together. A bridge created here produces no BridgeCreated event.</summary>
public sealed class AriBridges
{
    private readonly AriHttp http;

    internal AriBridges(AriHttp http) => this.http = http;

    public Task<IReadOnlyList<Bridge>> ListAsync(CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("bridges"), AriJsonContext.Default.IReadOnlyListBridge, cancellationToken);

    /// <exception cref="AriException">404 <c>Bridge not found</c>.</exception>
    public Task<Bridge> GetAsync(string bridgeId, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("bridges", bridgeId), AriJsonContext.Default.Bridge, cancellationToken);

    /// <summary>POST /bridges. <paramref name="type"/> is a comma list of mixing, holding, dtmf_events,
    /// proxy_media, video_sfu…; an unknown type gets 500 "Unable to create bridge".</summary>
    public Task<Bridge> CreateAsync(CancellationToken cancellationToken, string? type = "mixing", string? bridgeId = null, string? name = null)
    {
        var path = AriPath.Of("bridges").Query("type", type).Query("bridgeId", bridgeId).Query("name", name);
        return http.SendAsync(HttpMethod.Post, path, AriJsonContext.Default.Bridge, cancellationToken);
    }

    public Task DestroyAsync(string bridgeId, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("bridges", bridgeId), cancellationToken);

    /// <summary>Adds channels. Unknown channel → 400 "Channel not found"; a channel outside Stasis → 422.</summary>
    public Task AddChannelAsync(string bridgeId, IReadOnlyCollection<string> channelIds, CancellationToken cancellationToken,
        string? role = null, bool? absorbDtmf = null, bool? mute = null)
    {
        RequireChannels(channelIds);
        var path = AriPath.Of("bridges", bridgeId, "addChannel")
            .QueryList("channel", channelIds)
            .Query("role", role)
            .Query("absorbDTMF", absorbDtmf)
            .Query("mute", mute);
        return http.SendAsync(HttpMethod.Post, path, cancellationToken);
    }

    public Task RemoveChannelAsync(string bridgeId, IReadOnlyCollection<string> channelIds, CancellationToken cancellationToken)
    {
        RequireChannels(channelIds);
        var path = AriPath.Of("bridges", bridgeId, "removeChannel").QueryList("channel", channelIds);
        return http.SendAsync(HttpMethod.Post, path, cancellationToken);
    }

    public Task<Playback> PlayAsync(string bridgeId, PlayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.AppendTo(AriPath.Of("bridges", bridgeId, "play"));
        return http.SendAsync(HttpMethod.Post, path, AriJsonContext.Default.Playback, cancellationToken);
    }

    public Task<LiveRecording> RecordAsync(string bridgeId, RecordRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = AriRecordings.AppendTo(AriPath.Of("bridges", bridgeId, "record"), request);
        return http.SendAsync(HttpMethod.Post, path, AriJsonContext.Default.LiveRecording, cancellationToken);
    }

    private static void RequireChannels(IReadOnlyCollection<string> channelIds)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        if (channelIds.Count == 0)
            throw new ArgumentException("At least one channel id is required.", nameof(channelIds));
    }
}

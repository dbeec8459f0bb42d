namespace BotPbx.Asterisk.Ari;

/// <summary>/channels: create, inspect, control and hang up channels. Most calls need the channel to be in this
/// Stasis application; otherwise Asterisk answers 409 (see <see cref="AriException.IsNotInStasis"/>).</summary>
public sealed partial class AriChannels
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Delete = HttpMethod.Delete;
    private readonly AriHttp http;

    internal AriChannels(AriHttp http) => this.http = http;

    public Task<IReadOnlyList<Channel>> ListAsync(CancellationToken cancellationToken) =>
        http.SendAsync(Get, AriPath.Of("channels"), AriJsonContext.Default.IReadOnlyListChannel, cancellationToken);

    /// <exception cref="AriException">404 <c>Channel not found</c>.</exception>
    public Task<Channel> GetAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Get, AriPath.Of("channels", channelId), AriJsonContext.Default.Channel, cancellationToken);

    /// <summary>Dials an endpoint. Without <see cref="OriginateRequest.Endpoint"/> Asterisk answers 400.</summary>
    public Task<Channel> OriginateAsync(OriginateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = AriPath.Of("channels")
            .Query("endpoint", request.Endpoint)
            .Query("extension", request.Extension)
            .Query("context", request.Context)
            .Query("priority", request.Priority)
            .Query("label", request.Label)
            .Query("app", request.App)
            .Query("appArgs", request.AppArgs is { Count: > 0 } args ? string.Join(',', args) : null)
            .Query("callerId", request.CallerId)
            .Query("timeout", request.Timeout)
            .Query("channelId", request.ChannelId)
            .Query("otherChannelId", request.OtherChannelId)
            .Query("originator", request.Originator)
            .Query("formats", request.Formats);
        return http.SendAsync(Post, path, AriJsonContext.Default.Channel, cancellationToken, VariablesBody(request.Variables));
    }

    /// <summary>DELETE /channels/{id}. Asterisk reports cause 32 (soft) in ChannelHangupRequest whatever
    /// <paramref name="reasonCode"/> says (fixture ari-stasis-call-websocket); the code reaches the CDR and the peer.</summary>
    public Task HangupAsync(string channelId, CancellationToken cancellationToken, int? reasonCode = null, string? reason = null) =>
        http.SendAsync(Delete, AriPath.Of("channels", channelId).Query("reason_code", reasonCode).Query("reason", reason), cancellationToken);

    public Task AnswerAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "answer"), cancellationToken);

    /// <summary>Indicates ringing to the caller.</summary>
    public Task RingAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "ring"), cancellationToken);

    public Task StopRingingAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Delete, AriPath.Of("channels", channelId, "ring"), cancellationToken);

    /// <summary>Sends DTMF digits (<c>0-9*#A-D</c>, <c>,</c> for a pause); the gaps are in milliseconds.</summary>
    public Task SendDtmfAsync(string channelId, string dtmf, CancellationToken cancellationToken,
        int? beforeMs = null, int? betweenMs = null, int? durationMs = null, int? afterMs = null)
    {
        var path = AriPath.Of("channels", channelId, "dtmf")
            .Query("dtmf", dtmf)
            .Query("before", beforeMs)
            .Query("between", betweenMs)
            .Query("duration", durationMs)
            .Query("after", afterMs);
        return http.SendAsync(Post, path, cancellationToken);
    }

    public Task HoldAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "hold"), cancellationToken);

    public Task UnholdAsync(string channelId, CancellationToken cancellationToken) =>
        http.SendAsync(Delete, AriPath.Of("channels", channelId, "hold"), cancellationToken);

    public Task MuteAsync(string channelId, MuteDirection direction, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "mute").Query("direction", AriWire.Of(direction)), cancellationToken);

    public Task UnmuteAsync(string channelId, MuteDirection direction, CancellationToken cancellationToken) =>
        http.SendAsync(Delete, AriPath.Of("channels", channelId, "mute").Query("direction", AriWire.Of(direction)), cancellationToken);

    /// <summary>GET /channels/{id}/variable. Functions work too, e.g. <c>CALLERID(num)</c>.</summary>
    public async Task<string> GetVariableAsync(string channelId, string variable, CancellationToken cancellationToken)
    {
        var path = AriPath.Of("channels", channelId, "variable").Query("variable", variable);
        var answer = await http.SendAsync(Get, path, AriJsonContext.Default.ChannelVariable, cancellationToken).ConfigureAwait(false);
        return answer.Value;
    }

    public Task SetVariableAsync(string channelId, string variable, string value, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "variable").Query("variable", variable).Query("value", value), cancellationToken);

    /// <summary>Moves the channel to another endpoint (a SIP 302 / REFER where the technology supports it).</summary>
    public Task RedirectAsync(string channelId, string endpoint, CancellationToken cancellationToken) =>
        http.SendAsync(Post, AriPath.Of("channels", channelId, "redirect").Query("endpoint", endpoint), cancellationToken);

    /// <summary>Leaves Stasis and continues in the dialplan (StasisEnd follows).</summary>
    public Task ContinueInDialplanAsync(string channelId, CancellationToken cancellationToken,
        string? context = null, string? extension = null, int? priority = null, string? label = null)
    {
        var path = AriPath.Of("channels", channelId, "continue")
            .Query("context", context)
            .Query("extension", extension)
            .Query("priority", priority)
            .Query("label", label);
        return http.SendAsync(Post, path, cancellationToken);
    }

    internal static HttpContent? VariablesBody(IReadOnlyDictionary<string, string>? variables) =>
        variables is { Count: > 0 }
            ? AriHttp.Json(new AriVariablesBody { Variables = variables }, AriJsonContext.Default.AriVariablesBody)
            : null;
}

namespace BotPbx.Asterisk.Ari;

/// <summary>/applications: the Stasis applications and their event subscriptions.</summary>
public sealed class AriApplications
{
    private readonly AriHttp http;

    internal AriApplications(AriHttp http) => this.http = http;

    public Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("applications"), AriJsonContext.Default.IReadOnlyListApplication, cancellationToken);

    public Task<Application> GetAsync(string application, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("applications", application), AriJsonContext.Default.Application, cancellationToken);

    /// <summary>Subscribes to event sources such as <c>channel:&lt;id&gt;</c>, <c>bridge:&lt;id&gt;</c>,
    /// <c>endpoint:PJSIP/1001</c>, <c>deviceState:PJSIP/1001</c>. Prefer <see cref="AriClient.SubscribeAsync"/>,
    /// which also repeats the subscription after the event socket reconnects.</summary>
    public Task<Application> SubscribeAsync(string application, IReadOnlyCollection<string> eventSources, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Post, AriPath.Of("applications", application, "subscription").QueryList("eventSource", eventSources),
            AriJsonContext.Default.Application, cancellationToken);

    public Task<Application> UnsubscribeAsync(string application, IReadOnlyCollection<string> eventSources, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, AriPath.Of("applications", application, "subscription").QueryList("eventSource", eventSources),
            AriJsonContext.Default.Application, cancellationToken);
}

/// <summary>/asterisk: who is on the other end, and is it alive.</summary>
public sealed class AriAsterisk
{
    private readonly AriHttp http;

    internal AriAsterisk(AriHttp http) => this.http = http;

    public Task<AsteriskInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("asterisk", "info"), AriJsonContext.Default.AsteriskInfo, cancellationToken);

    public Task<AsteriskPing> PingAsync(CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Get, AriPath.Of("asterisk", "ping"), AriJsonContext.Default.AsteriskPing, cancellationToken);
}

namespace BotPbx.Voice.Providers;

/// <summary>
/// One connection pool for every REST vendor client (a new HttpClient per call would exhaust sockets, one per client
/// would keep stale DNS). Keys travel in per-request headers, never in <see cref="HttpClient.DefaultRequestHeaders"/>,
/// so sharing the client shares no secret.
/// </summary>
public static class ProviderHttpClient
{
    /// <summary>The pool itself, for SDKs that want their own HttpClient around a handler of ours (Anthropic).</summary>
    internal static readonly SocketsHttpHandler Handler = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    /// <summary>A client over the shared pool. Its timeout covers the wait for response headers (bodies stream past it).</summary>
    public static HttpClient Create(TimeSpan? timeout = null) =>
        new(Handler, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>The shared client the factory hands to vendor clients.</summary>
    public static HttpClient Shared { get; } = Create();
}

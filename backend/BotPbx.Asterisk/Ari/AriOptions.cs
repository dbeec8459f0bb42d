using System.Security.Cryptography.X509Certificates;

namespace BotPbx.Asterisk.Ari;

/// <summary>How to reach Asterisk's REST Interface (ari.conf + http.conf) and how the event socket behaves.</summary>
public sealed class AriOptions
{
    /// <summary>The ARI root, e.g. <c>http://127.0.0.1:8088/ari</c> or <c>https://pbx.example.com:8089/ari</c>.
    /// The websocket URL is derived from it (<c>ws://</c> / <c>wss://</c> + <c>/events</c>).</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:8088/ari");

    /// <summary>An ari.conf user. Sent pre-emptively as HTTP Basic on every request and on the upgrade.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The Stasis application name the dialplan uses in <c>Stasis(botpbx)</c>.</summary>
    public string Application { get; set; } = "botpbx";

    /// <summary><c>subscribeAll</c> on the event socket: receive every event of the system, not only of the
    /// application's own channels and bridges.</summary>
    public bool SubscribeAll { get; set; }

    /// <summary>How long one REST call may take; exceeding it throws <see cref="AriTimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the websocket upgrade may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay after the event socket drops; doubled on every failed attempt up to
    /// <see cref="ReconnectMaxDelay"/>, and reset once a connection is established.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client pings Asterisk this often (Asterisk answers with a pong, see the fixture
    /// ari-stasis-call-websocket) ...</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>... and drops the connection when no pong came back within this time (a half-open TCP connection
    /// would otherwise look healthy for hours).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events waiting for the consumer. When full, the client stops reading the socket (see docs/protocols/ari.md).</summary>
    public int EventBufferCapacity { get; set; } = 10_000;

    /// <summary>Largest event accepted; a bigger websocket message closes that connection (1009) and reconnects.
    /// Real events are under 1 KiB (the largest in the fixtures is 825 bytes).</summary>
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    /// <summary>For a self-signed Asterisk certificate: trust exactly this certificate (compared by its
    /// thumbprint and public key). Never set by default.</summary>
    public X509Certificate2? TrustedCertificate { get; set; }

    /// <summary>Accept ANY server certificate. Only for lab setups; off by default and never implied.</summary>
    public bool DangerouslySkipCertificateValidation { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"ARI BaseUrl must be an absolute http:// or https:// URL, got '{BaseUrl}'.", nameof(BaseUrl));
        if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            throw new ArgumentException("ARI BaseUrl must not carry a query or fragment.", nameof(BaseUrl));
        if (string.IsNullOrWhiteSpace(Username))
            throw new ArgumentException("ARI Username is required.", nameof(Username));
        if (string.IsNullOrWhiteSpace(Application))
            throw new ArgumentException("ARI Application is required (without it Asterisk refuses the upgrade with 400).", nameof(Application));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(ReconnectMinDelay, nameof(ReconnectMinDelay));
        if (ReconnectMaxDelay < ReconnectMinDelay)
            throw new ArgumentException("ReconnectMaxDelay must be at least ReconnectMinDelay.", nameof(ReconnectMaxDelay));
        if (KeepAliveInterval < TimeSpan.Zero || KeepAliveTimeout < TimeSpan.Zero)
            throw new ArgumentException("Keep-alive settings must not be negative.", nameof(KeepAliveInterval));
        if (EventBufferCapacity < 1)
            throw new ArgumentException("EventBufferCapacity must be at least 1.", nameof(EventBufferCapacity));
        if (MaxEventBytes < 1024)
            throw new ArgumentException("MaxEventBytes must be at least 1024.", nameof(MaxEventBytes));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{name} must be positive.", name);
    }
}

namespace BotPbx.Ivr.Http;

/// <summary>Settings of the httpRequest node (section "Ivr:Http"). The defaults refuse every internal address.</summary>
public sealed class IvrHttpOptions
{
    /// <summary>
    /// Networks (CIDR, e.g. "10.0.0.0/8", "127.0.0.1/32") an admin allows although they are internal. Empty by default:
    /// loopback, private, link-local (cloud metadata at 169.254.169.254) and unspecified addresses are refused.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Largest response body read, in bytes; a larger one is an error.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Redirects followed per request; each target is checked again when it is connected to.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Timeout of a node that gives none; a node may ask for at most 30 s.</summary>
    public int DefaultTimeoutSeconds { get; set; } = 5;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Globalization;

namespace BotPbx.Voice.Providers;

/// <summary>How vendor clients read <see cref="ProviderSettings"/>: options by name, the base URL with a vendor default.</summary>
public static class ProviderSettingsExtensions
{
    public static string? Option(this ProviderSettings settings, string name) =>
        settings.Options is { } options && options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static int? IntOption(this ProviderSettings settings, string name) =>
        int.TryParse(settings.Option(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool BoolOption(this ProviderSettings settings, string name) =>
        bool.TryParse(settings.Option(name), out var value) && value;

    /// <summary>
    /// <paramref name="relative"/> under the configured base URL (or <paramref name="vendorDefault"/>). The base is
    /// treated as a folder whether or not it ends in '/', so "http://127.0.0.1:8000/v1" + "audio/speech" keeps the /v1.
    /// </summary>
    public static Uri Endpoint(this ProviderSettings settings, string vendorDefault, string relative)
    {
        var root = (settings.BaseUrl ?? new Uri(vendorDefault)).GetLeftPart(UriPartial.Path);
        relative = relative.TrimStart('/');
        // Only a query ("?model=…"): the base itself is the endpoint, without a trailing slash it never had.
        if (relative.Length == 0 || relative[0] == '?') return new Uri(root.TrimEnd('/') + relative);
        if (!root.EndsWith('/')) root += "/";
        return new Uri(new Uri(root), relative);
    }

    /// <summary>The same, with http(s) turned into ws(s) for the WebSocket vendors (tests point them at http://127.0.0.1).</summary>
    public static Uri WebSocketEndpoint(this ProviderSettings settings, string vendorDefault, string relative)
    {
        var builder = new UriBuilder(settings.Endpoint(vendorDefault, relative));
        builder.Scheme = builder.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            _ => builder.Scheme,
        };
        if (builder.Uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri;
    }

    /// <summary>
    /// The key for an OpenAI-style vendor that also has self-hosted twins: required when the base URL is the vendor's own
    /// cloud (or unset), optional for anything else (a local whisper or TTS server usually has none).
    /// </summary>
    public static string? KeyUnlessSelfHosted(this ProviderSettings settings, string provider, params string[] cloudHosts) =>
        settings.BaseUrl is null || cloudHosts.Any(h => settings.BaseUrl.Host.Equals(h, StringComparison.OrdinalIgnoreCase))
            ? settings.RequireKey(provider)
            : settings.ApiKey;

    /// <summary>The key, or a clear refusal naming the provider (never a request that a vendor answers with 401).</summary>
    public static string RequireKey(this ProviderSettings settings, string provider) =>
        string.IsNullOrWhiteSpace(settings.ApiKey)
            ? throw new ProviderException(provider, ProviderFailure.Unauthorized, "no API key is set. Add one in the AI provider settings.")
            : settings.ApiKey;
}

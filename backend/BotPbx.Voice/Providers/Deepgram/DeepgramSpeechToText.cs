using System.Globalization;

namespace BotPbx.Voice.Providers.Deepgram;

/// <summary>
/// Deepgram live transcription (kind "deepgram") over <c>wss://api.deepgram.com/v1/listen</c>: raw linear16 at the
/// call's rate as binary messages, <c>Results</c> messages back (interim_results on, so words appear while the caller
/// speaks). The key goes in <c>Authorization: Token …</c> on the upgrade. Options: <c>model</c> (default nova-3),
/// <c>endpointing</c> (ms, default 300), <c>flushTimeoutMs</c> (default 1500), <c>keepAliveMs</c> (default 5000).
/// </summary>
public sealed class DeepgramSpeechToText(ProviderSettings settings) : ISpeechToText
{
    public const string Kind = "deepgram";
    internal const string Provider = "Deepgram";

    public bool IsStreaming => true;

    public async Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken)
    {
        var key = settings.RequireKey(Provider);
        var query = string.Join('&',
            "encoding=linear16",
            $"sample_rate={options.SampleRate.ToString(CultureInfo.InvariantCulture)}",
            "channels=1",
            $"model={Uri.EscapeDataString(options.Model ?? settings.Option("model") ?? "nova-3")}",
            $"language={Uri.EscapeDataString(options.Language)}",
            "interim_results=true",
            "smart_format=true",
            $"endpointing={settings.IntOption("endpointing") ?? 300}");
        var uri = ListenUri(settings, query);
        var socket = await VendorWebSocket.ConnectAsync(uri, [new("Authorization", $"Token {key}")], Provider, key, cancellationToken).ConfigureAwait(false);
        return new DeepgramSession(socket, TimeSpan.FromMilliseconds(settings.IntOption("flushTimeoutMs") ?? 1500),
            TimeSpan.FromMilliseconds(settings.IntOption("keepAliveMs") ?? 5000));
    }

    /// <summary>
    /// /v1/listen under the base URL. The settings page's default is the bare host ("wss://api.deepgram.com"), a
    /// proxy or test server may give ".../v1": both work.
    /// </summary>
    internal static Uri ListenUri(ProviderSettings settings, string query)
    {
        var path = settings.BaseUrl?.AbsolutePath.TrimEnd('/') ?? "/v1";
        var relative = path.EndsWith("/v1", StringComparison.Ordinal) ? "listen" : "v1/listen";
        return settings.WebSocketEndpoint("wss://api.deepgram.com/v1", $"{relative}?{query}");
    }
}

using System.Globalization;

namespace BotPbx.Voice.Providers.AssemblyAi;

/// <summary>
/// AssemblyAI Universal Streaming v3 (kind "assemblyai") over <c>wss://streaming.assemblyai.com/v3/ws</c>. Streaming
/// rather than upload-and-poll: the batch API answers in seconds, far too late for a turn of conversation, while v3
/// gives partial transcripts as the caller speaks and ends a turn on request (<c>ForceEndpoint</c>). The key goes in
/// the <c>Authorization</c> header of the upgrade. Options: <c>model</c> (speech_model, e.g.
/// universal-streaming-multilingual), <c>flushTimeoutMs</c> (default 1500), <c>keepAliveMs</c> (default 5000).
/// </summary>
public sealed class AssemblyAiSpeechToText(ProviderSettings settings) : ISpeechToText
{
    public const string Kind = "assemblyai";
    internal const string Provider = "AssemblyAI";

    public bool IsStreaming => true;

    public async Task<ISttSession> StartAsync(SttOptions options, CancellationToken cancellationToken)
    {
        var key = settings.RequireKey(Provider);
        var query = $"sample_rate={options.SampleRate.ToString(CultureInfo.InvariantCulture)}&encoding=pcm_s16le&format_turns=true";
        if ((options.Model ?? settings.Option("model")) is { } model) query += $"&speech_model={Uri.EscapeDataString(model)}";
        var uri = StreamUri(settings, query);
        var socket = await VendorWebSocket.ConnectAsync(uri, [new("Authorization", key)], Provider, key, cancellationToken).ConfigureAwait(false);
        return new AssemblyAiSession(socket, options.SampleRate, TimeSpan.FromMilliseconds(settings.IntOption("flushTimeoutMs") ?? 1500),
            TimeSpan.FromMilliseconds(settings.IntOption("keepAliveMs") ?? 5000));
    }

    /// <summary>
    /// /v3/ws on the streaming host. AssemblyAI's REST host (api.assemblyai.com, the settings page's default) does not
    /// serve streaming, so it is swapped for streaming.assemblyai.com (and its EU twins likewise).
    /// </summary>
    internal static Uri StreamUri(ProviderSettings settings, string query)
    {
        var baseUrl = settings.BaseUrl;
        if (baseUrl is not null && baseUrl.Host.StartsWith("api.", StringComparison.Ordinal) && baseUrl.Host.EndsWith("assemblyai.com", StringComparison.Ordinal))
        {
            baseUrl = new UriBuilder(baseUrl) { Scheme = "wss", Host = "streaming." + baseUrl.Host["api.".Length..], Port = -1 }.Uri;
        }
        var path = baseUrl?.AbsolutePath.TrimEnd('/') ?? "";
        var relative = path.EndsWith("/v3/ws", StringComparison.Ordinal) ? "" : path.EndsWith("/v3", StringComparison.Ordinal) ? "ws" : "v3/ws";
        return (settings with { BaseUrl = baseUrl }).WebSocketEndpoint("wss://streaming.assemblyai.com", $"{relative}?{query}");
    }
}

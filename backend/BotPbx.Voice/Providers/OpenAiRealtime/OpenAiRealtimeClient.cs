using System.Text.Json.Nodes;

namespace BotPbx.Voice.Providers.OpenAiRealtime;

/// <summary>
/// The OpenAI Realtime API over WebSocket (kind "openai-realtime"; <c>wss://api.openai.com/v1/realtime?model=…</c>,
/// GA event names). The session is configured with one <c>session.update</c>: PCM 24 kHz both ways (the only PCM rate
/// it takes), server VAD that interrupts the response when the caller talks, input transcription for the conversation
/// record, and the agent's tools as functions. Options: <c>voice</c> (default alloy), <c>transcriptionModel</c>
/// (default gpt-4o-mini-transcribe; "none" turns caller transcripts off), <c>vadSilenceMs</c> (default 500).
/// </summary>
public sealed class OpenAiRealtimeClient(ProviderSettings settings) : IRealtimeClient
{
    public const string Kind = "openai-realtime";
    internal const string Provider = "OpenAI Realtime";
    public const int SampleRate = 24_000;

    public async Task<IRealtimeSession> ConnectAsync(RealtimeSessionOptions options, CancellationToken cancellationToken)
    {
        var key = settings.KeyUnlessSelfHosted(Provider, "api.openai.com");
        var uri = RealtimeUri(settings, options.Model);
        var headers = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(key)) headers.Add(new("Authorization", $"Bearer {key}"));
        var socket = await VendorWebSocket.ConnectAsync(uri, headers, Provider, key, cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendTextAsync(SessionUpdate(options).ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await socket.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new OpenAiRealtimeSession(socket);
    }

    /// <summary>/v1/realtime?model=… under the base URL, whether the base is "…/v1" or already "…/v1/realtime" (the settings page's default).</summary>
    internal static Uri RealtimeUri(ProviderSettings settings, string model)
    {
        var path = settings.BaseUrl?.AbsolutePath.TrimEnd('/') ?? "/v1";
        var relative = path.EndsWith("/realtime", StringComparison.Ordinal) ? "" : "realtime";
        return settings.WebSocketEndpoint("wss://api.openai.com/v1", $"{relative}?model={Uri.EscapeDataString(model)}");
    }

    internal JsonObject SessionUpdate(RealtimeSessionOptions options)
    {
        var input = new JsonObject
        {
            ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = SampleRate },
            ["turn_detection"] = new JsonObject
            {
                ["type"] = "server_vad",
                ["silence_duration_ms"] = settings.IntOption("vadSilenceMs") ?? 500,
                ["create_response"] = true,
                ["interrupt_response"] = true,
            },
        };
        var transcription = settings.Option("transcriptionModel") ?? "gpt-4o-mini-transcribe";
        if (!transcription.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            var config = new JsonObject { ["model"] = transcription };
            if (options.Language?.Split('-')[0] is { Length: > 0 } language) config["language"] = language.ToLowerInvariant();
            input["transcription"] = config;
        }
        var session = new JsonObject
        {
            ["type"] = "realtime",
            ["instructions"] = options.Instructions,
            ["output_modalities"] = new JsonArray("audio"),
            ["audio"] = new JsonObject
            {
                ["input"] = input,
                ["output"] = new JsonObject
                {
                    ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = SampleRate },
                    ["voice"] = options.Voice ?? settings.Option("voice") ?? "alloy",
                    ["speed"] = Math.Clamp(options.Speed > 0 ? options.Speed : 1, 0.25, 1.5),
                },
            },
            ["tools"] = new JsonArray(options.Tools.Select(t => (JsonNode)new JsonObject
            {
                ["type"] = "function",
                ["name"] = t.Name,
                ["description"] = t.Description,
                ["parameters"] = t.Parameters.DeepClone(),
            }).ToArray()),
            ["tool_choice"] = "auto",
        };
        if (options.MaxOutputTokens is { } max) session["max_output_tokens"] = max;
        return new JsonObject { ["type"] = "session.update", ["session"] = session };
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BotPbx.Voice.Providers.OpenAiRealtime;

/// <summary>
/// One Realtime conversation. Server events are decoded into <see cref="RealtimeEvent"/>s; both the GA names
/// (<c>response.output_audio.delta</c>, <c>response.output_audio_transcript.done</c>) and the beta ones
/// (<c>response.audio.delta</c>, <c>response.audio_transcript.done</c>) are understood, since compatible servers
/// still speak the beta dialect. Events the pipeline has no use for (rate limits, item bookkeeping) are skipped.
/// </summary>
internal sealed class OpenAiRealtimeSession : IRealtimeSession
{
    private readonly VendorWebSocket _socket;
    private readonly Channel<RealtimeEvent> _events = Channel.CreateUnbounded<RealtimeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _disposed;

    public OpenAiRealtimeSession(VendorWebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveLoopAsync();
    }

    public int SampleRate => OpenAiRealtimeClient.SampleRate;

    public ValueTask AppendAudioAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken) =>
        pcm16.IsEmpty ? ValueTask.CompletedTask : Send(new JsonObject
        {
            ["type"] = "input_audio_buffer.append",
            ["audio"] = Convert.ToBase64String(pcm16.Span),
        }, cancellationToken);

    public ValueTask CreateResponseAsync(string? instructions, CancellationToken cancellationToken) =>
        Send(instructions is null
            ? new JsonObject { ["type"] = "response.create" }
            : new JsonObject { ["type"] = "response.create", ["response"] = new JsonObject { ["instructions"] = instructions } }, cancellationToken);

    public async ValueTask SendToolResultAsync(string callId, string output, CancellationToken cancellationToken)
    {
        await Send(new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["item"] = new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = output },
        }, cancellationToken).ConfigureAwait(false);
        await CreateResponseAsync(null, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask TruncateAsync(string itemId, TimeSpan heard, CancellationToken cancellationToken) =>
        Send(new JsonObject
        {
            ["type"] = "conversation.item.truncate",
            ["item_id"] = itemId,
            ["content_index"] = 0,
            ["audio_end_ms"] = (int)Math.Max(0, heard.TotalMilliseconds),
        }, cancellationToken);

    public async IAsyncEnumerable<RealtimeEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return e;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _events.Writer.TryComplete();
        await _socket.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async ValueTask Send(JsonObject message, CancellationToken cancellationToken) =>
        await _socket.SendTextAsync(message.ToJsonString(), cancellationToken).ConfigureAwait(false);

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var text in _socket.ReceiveTextAsync(_stop.Token).ConfigureAwait(false))
            {
                RealtimeEvent? decoded;
                try
                {
                    using var json = JsonDocument.Parse(text);
                    decoded = Decode(json.RootElement);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw VendorHttp.Malformed(OpenAiRealtimeClient.Provider, "event", e);
                }
                if (decoded is not null) _events.Writer.TryWrite(decoded);
            }
            _events.Writer.TryComplete();
        }
        catch (Exception e) when (Volatile.Read(ref _disposed) == 0 && e is not OperationCanceledException)
        {
            _events.Writer.TryComplete(e);
        }
        catch (Exception)
        {
            _events.Writer.TryComplete();
        }
    }

    internal static RealtimeEvent? Decode(JsonElement e) => e.GetProperty("type").GetString() switch
    {
        "response.output_audio.delta" or "response.audio.delta" =>
            new RealtimeAudio(e.GetProperty("item_id").GetString()!, e.GetProperty("delta").GetBytesFromBase64()),
        "input_audio_buffer.speech_started" => new RealtimeSpeechStarted(Ms(e, "audio_start_ms")),
        "input_audio_buffer.speech_stopped" => new RealtimeSpeechStopped(Ms(e, "audio_end_ms")),
        "response.output_audio_transcript.done" or "response.audio_transcript.done" =>
            new RealtimeTranscript(ChatRole.Assistant, e.GetProperty("transcript").GetString() ?? ""),
        "conversation.item.input_audio_transcription.completed" =>
            new RealtimeTranscript(ChatRole.User, e.GetProperty("transcript").GetString() ?? ""),
        "response.function_call_arguments.done" => new RealtimeToolCall(new ToolCall(
            e.GetProperty("call_id").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("arguments").GetString() is { Length: > 0 } a ? a : "{}")),
        "response.done" => ResponseDone(e.GetProperty("response")),
        "error" => new RealtimeError(
            e.GetProperty("error").TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
            e.GetProperty("error").GetProperty("message").GetString() ?? ""),
        _ => null,
    };

    private static RealtimeResponseDone ResponseDone(JsonElement response)
    {
        int? input = null, output = null;
        if (response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            input = usage.TryGetProperty("input_tokens", out var i) ? i.GetInt32() : null;
            output = usage.TryGetProperty("output_tokens", out var o) ? o.GetInt32() : null;
        }
        return new RealtimeResponseDone(response.TryGetProperty("status", out var s) ? s.GetString() : null, input, output);
    }

    private static TimeSpan Ms(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(v.GetInt64()) : TimeSpan.Zero;
}

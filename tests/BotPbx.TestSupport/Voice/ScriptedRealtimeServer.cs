using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotPbx.TestSupport.Voice;

/// <summary>
/// A stand-in for the OpenAI Realtime API on 127.0.0.1 (Kestrel WebSocket at <c>/v1/realtime?model=…</c>) speaking its
/// GA event protocol: <c>session.created</c> on connect; the client's <c>session.update</c>, <c>response.create</c> and
/// <c>input_audio_buffer.append</c> (base64 PCM16 at 24 kHz) are kept; a <c>response.create</c> is answered with the
/// greeting's audio as <c>response.output_audio.delta</c> chunks, its transcript and <c>response.done</c>. Like the
/// real server's <c>server_vad</c>, it listens to the appended audio: speech (RMS over a threshold) followed by
/// 600 ms of quiet is a caller turn, answered with <c>input_audio_buffer.speech_started/stopped</c>, the transcript
/// the test scripted, and the answer's audio.
/// </summary>
public sealed class ScriptedRealtimeServer : IAsyncDisposable
{
    public const int SampleRate = 24_000;
    private const int SpeechRms = 600;
    private readonly WebApplication _app;
    private readonly List<JsonObject> _received = [];

    private ScriptedRealtimeServer(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:port/v1</c>: the base URL the realtime provider is given.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What the greeting (a response.create) is answered with: 24 kHz PCM16 and its transcript.</summary>
    public required (short[] Audio, string Text) Greeting { get; init; }

    /// <summary>What a caller's turn is answered with: the transcript of what the caller said, the answer's audio and text.</summary>
    public (string Heard, short[] Audio, string Text)? Answer { get; init; }

    /// <summary>Milliseconds of caller audio appended so far (24 kHz PCM16).</summary>
    public long AppendedMs => Interlocked.Read(ref _appendedSamples) * 1000 / SampleRate;

    private long _appendedSamples;

    /// <summary>Every client event received, in order (audio payloads removed).</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    public static async Task<ScriptedRealtimeServer> StartAsync((short[] Audio, string Text) greeting, (string Heard, short[] Audio, string Text)? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        var server = new ScriptedRealtimeServer(app) { Greeting = greeting, Answer = answer };
        app.Map("/v1/realtime", server.ServeAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/v1");
        return server;
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var send = new SemaphoreSlim(1, 1);
        async Task SendAsync(JsonObject message)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await send.WaitAsync();
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                send.Release();
            }
        }

        await SendAsync(new JsonObject
        {
            ["type"] = "session.created", ["event_id"] = "event_1",
            ["session"] = new JsonObject { ["type"] = "realtime", ["object"] = "realtime.session", ["id"] = "sess_scripted", ["model"] = "gpt-realtime" },
        });
        var turn = new TurnDetector();
        var buffer = new byte[1 << 20];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    return;
                }
                length += result.Count;
            }
            while (!result.EndOfMessage && length < buffer.Length);
            if (result.MessageType == WebSocketMessageType.Close) return;
            var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!.AsObject();
            var type = message["type"]?.GetValue<string>();
            if (type == "input_audio_buffer.append")
            {
                var pcm = Convert.FromBase64String(message["audio"]!.GetValue<string>());
                message.Remove("audio");
                var samples = pcm.Length / 2;
                var before = Interlocked.Add(ref _appendedSamples, samples) - samples;
                if (Answer is { } answer && turn.Feed(pcm, before) is { } spoken)
                {
                    await SendAsync(new JsonObject { ["type"] = "input_audio_buffer.speech_started", ["audio_start_ms"] = spoken.StartMs, ["item_id"] = "item_caller" });
                    await SendAsync(new JsonObject { ["type"] = "input_audio_buffer.speech_stopped", ["audio_end_ms"] = spoken.EndMs, ["item_id"] = "item_caller" });
                    await SendAsync(new JsonObject
                    {
                        ["type"] = "conversation.item.input_audio_transcription.completed", ["item_id"] = "item_caller", ["content_index"] = 0,
                        ["transcript"] = answer.Heard,
                    });
                    await SpeakAsync(SendAsync, "item_answer", answer.Audio, answer.Text);
                }
            }
            else if (type == "response.create")
            {
                await SpeakAsync(SendAsync, "item_greeting", Greeting.Audio, Greeting.Text);
            }
            lock (_received) _received.Add(message);
        }
    }

    /// <summary>A response as the API streams it: audio deltas of 100 ms (base64 PCM16), the transcript, response.done.</summary>
    private static async Task SpeakAsync(Func<JsonObject, Task> send, string itemId, short[] audio, string text)
    {
        const int Chunk = SampleRate / 10;
        for (var at = 0; at < audio.Length; at += Chunk)
        {
            var part = audio.AsSpan(at, Math.Min(Chunk, audio.Length - at));
            var bytes = new byte[part.Length * 2];
            for (var i = 0; i < part.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), part[i]);
            await send(new JsonObject
            {
                ["type"] = "response.output_audio.delta", ["response_id"] = "resp_" + itemId, ["item_id"] = itemId, ["output_index"] = 0,
                ["content_index"] = 0, ["delta"] = Convert.ToBase64String(bytes),
            });
        }
        await send(new JsonObject
        {
            ["type"] = "response.output_audio_transcript.done", ["response_id"] = "resp_" + itemId, ["item_id"] = itemId, ["output_index"] = 0,
            ["content_index"] = 0, ["transcript"] = text,
        });
        await send(new JsonObject
        {
            ["type"] = "response.done",
            ["response"] = new JsonObject
            {
                ["object"] = "realtime.response", ["id"] = "resp_" + itemId, ["status"] = "completed", ["output"] = new JsonArray(),
                ["usage"] = new JsonObject { ["total_tokens"] = 20, ["input_tokens"] = 10, ["output_tokens"] = 10 },
            },
        });
    }

    /// <summary>server_vad's idea of a turn: voiced 20 ms blocks, then 600 ms without any; one turn per connection.</summary>
    private sealed class TurnDetector
    {
        private const int Block = SampleRate / 50;
        private long? _start;
        private long _lastVoiced;
        private bool _done;

        public (long StartMs, long EndMs)? Feed(byte[] pcm, long offset)
        {
            if (_done) return null;
            for (var at = 0; at + Block * 2 <= pcm.Length; at += Block * 2)
            {
                double sum = 0;
                for (var i = 0; i < Block; i++)
                {
                    double s = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(at + i * 2));
                    sum += s * s;
                }
                var position = offset + at / 2;
                if (Math.Sqrt(sum / Block) >= SpeechRms)
                {
                    _start ??= position;
                    _lastVoiced = position;
                }
                else if (_start is { } start && position - _lastVoiced > SampleRate * 6 / 10)
                {
                    _done = true;
                    return (start * 1000 / SampleRate, _lastVoiced * 1000 / SampleRate);
                }
            }
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

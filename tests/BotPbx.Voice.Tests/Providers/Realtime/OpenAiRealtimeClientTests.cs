using System.Text.Json.Nodes;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Tests.Providers.Audio;
using BotPbx.Voice.Tests.Providers.Stt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Realtime;

/// <summary>The Realtime API's WebSocket on loopback: session.update first, then audio appends; server events decoded.</summary>
public sealed class OpenAiRealtimeClientTests
{
    private const string Key = "sk-proj-realtime-test-1f2e";

    private static readonly RealtimeSessionOptions Options = new(
        "gpt-realtime",
        "You are the front desk of Acme.",
        [new ToolDefinition("transfer", "Transfers the caller", (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"target":{"type":"string"}}}""")!)],
        Voice: "marin",
        Language: "en-US");

    [Fact]
    public async Task The_session_is_configured_first_and_server_events_come_back_decoded()
    {
        WebSocketPeer? peer = null;
        string? authorization = null, model = null;
        var audio = Pcm.Tone(440, 24_000, 0.1);
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/realtime", async context =>
        {
            (authorization, model) = (context.Request.Headers.Authorization, context.Request.Query["model"]);
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync(RealtimeEvents.SessionCreated);
            await peer.RunAsync(onText: async text =>
            {
                if (!text.Contains("input_audio_buffer.append")) return;
                foreach (var e in new[]
                {
                    RealtimeEvents.SpeechStarted(100), RealtimeEvents.SpeechStopped(900), RealtimeEvents.InputTranscript("Is the shop open?"),
                    RealtimeEvents.AudioDelta("item_1", audio[..2400]), RealtimeEvents.AudioDelta("item_1", audio[2400..], "response.audio.delta"),
                    RealtimeEvents.OutputTranscriptDone("item_1", "Yes, until six."), RealtimeEvents.FunctionCallDone("call_7", "transfer", """{"target":"sales"}"""),
                    RealtimeEvents.Error, RealtimeEvents.ResponseDone,
                })
                {
                    await peer.SendAsync(e);
                }
            });
        }));
        var client = new OpenAiRealtimeClient(new ProviderSettings(OpenAiRealtimeClient.Kind, Key, new Uri(server.BaseUrl, "v1")));

        var events = new List<RealtimeEvent>();
        await using (var session = await client.ConnectAsync(Options, CancellationToken.None))
        {
            await session.AppendAudioAsync(Pcm.Tone(300, 24_000, 0.02), CancellationToken.None);
            await foreach (var e in session.EventsAsync(CancellationToken.None))
            {
                events.Add(e);
                if (e is RealtimeResponseDone) break;
            }
        }

        Assert.Equal($"Bearer {Key}", authorization);
        Assert.Equal("gpt-realtime", model);
        Assert.Equal(new RealtimeSpeechStarted(TimeSpan.FromMilliseconds(100)), events[0]);
        Assert.Equal(new RealtimeSpeechStopped(TimeSpan.FromMilliseconds(900)), events[1]);
        Assert.Equal(new RealtimeTranscript(ChatRole.User, "Is the shop open?"), events[2]);
        Assert.Equal(audio, events.OfType<RealtimeAudio>().SelectMany(a => a.Pcm16.ToArray()).ToArray()); // GA and beta names
        Assert.All(events.OfType<RealtimeAudio>(), a => Assert.Equal("item_1", a.ItemId));
        Assert.Contains(new RealtimeTranscript(ChatRole.Assistant, "Yes, until six."), events);
        Assert.Contains(new RealtimeToolCall(new ToolCall("call_7", "transfer", """{"target":"sales"}""")), events);
        Assert.Contains(new RealtimeError("invalid_event", "The 'type' field is missing."), events);
        Assert.Equal(new RealtimeResponseDone("completed", 132, 121), events[^1]);

        var sent = new List<JsonNode>();
        await foreach (var text in peer!.Texts.Reader.ReadAllAsync()) sent.Add(JsonNode.Parse(text)!);
        var update = sent[0]["session"]!;
        Assert.Equal("session.update", sent[0]["type"]!.GetValue<string>());
        Assert.Equal(("realtime", "You are the front desk of Acme."), (update["type"]!.GetValue<string>(), update["instructions"]!.GetValue<string>()));
        Assert.Equal(("audio/pcm", 24_000), (update["audio"]!["input"]!["format"]!["type"]!.GetValue<string>(), update["audio"]!["input"]!["format"]!["rate"]!.GetValue<int>()));
        Assert.Equal("server_vad", update["audio"]!["input"]!["turn_detection"]!["type"]!.GetValue<string>());
        Assert.Equal("en", update["audio"]!["input"]!["transcription"]!["language"]!.GetValue<string>());
        Assert.Equal("marin", update["audio"]!["output"]!["voice"]!.GetValue<string>());
        Assert.Equal(("function", "transfer"), (update["tools"]![0]!["type"]!.GetValue<string>(), update["tools"]![0]!["name"]!.GetValue<string>()));
        Assert.Equal("input_audio_buffer.append", sent[1]["type"]!.GetValue<string>());
        Assert.Equal(960, Convert.FromBase64String(sent[1]["audio"]!.GetValue<string>()).Length);
    }

    [Fact]
    public async Task A_refused_key_fails_the_connect_naming_the_provider_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/realtime", context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        }));
        var client = new OpenAiRealtimeClient(new ProviderSettings(OpenAiRealtimeClient.Kind, Key, new Uri(server.BaseUrl, "v1")));

        var e = await Assert.ThrowsAsync<ProviderException>(() => client.ConnectAsync(Options, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.StartsWith("OpenAI Realtime:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_ends_the_events_with_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/realtime", async context =>
        {
            var peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync("""{"type":"response.output_audio.delta","delta":""");
            await peer.RunAsync();
        }));
        var client = new OpenAiRealtimeClient(new ProviderSettings(OpenAiRealtimeClient.Kind, Key, new Uri(server.BaseUrl, "v1")));

        await using var session = await client.ConnectAsync(Options, CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in session.EventsAsync(CancellationToken.None)) { }
        });

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Tests.Providers.Audio;
using BotPbx.Voice.Tests.Providers.Stt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Realtime;

/// <summary>
/// A whole speech-to-speech call on loopback: a peer speaking AudioSocket as Asterisk does, BotPBX's real AudioSocket
/// server, the bridge, and a Realtime server speaking the API's events.
/// </summary>
public sealed class RealtimeCallBridgeTests
{
    [Fact]
    public async Task The_caller_hears_the_greeting_at_8kHz_barges_in_and_a_function_call_is_answered()
    {
        var greeting = Pcm.Tone(440, 24_000, 2.0); // long enough to still be playing at the barge-in
        var bargeIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new ConcurrentQueue<JsonNode>();
        var appended = 0;
        WebSocketPeer? peer = null;
        await using var vendor = await LoopbackServer.StartAsync(app => app.Map("/v1/realtime", async context =>
        {
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync(RealtimeEvents.SessionCreated);
            await peer.RunAsync(onText: async text =>
            {
                var message = JsonNode.Parse(text)!;
                sent.Enqueue(message);
                switch (message["type"]!.GetValue<string>())
                {
                    case "input_audio_buffer.append":
                        Interlocked.Add(ref appended, Convert.FromBase64String(message["audio"]!.GetValue<string>()).Length);
                        break;
                    case "response.create" when (message["response"]?["instructions"]) is not null:
                        for (var offset = 0; offset < greeting.Length; offset += 9_600)
                        {
                            await peer.SendAsync(RealtimeEvents.AudioDelta("item_greeting", greeting[offset..Math.Min(offset + 9_600, greeting.Length)]));
                        }
                        await bargeIn.Task; // the test says when the caller starts talking
                        await peer.SendAsync(RealtimeEvents.SpeechStarted(300));
                        await peer.SendAsync(RealtimeEvents.InputTranscript("Sales please."));
                        await peer.SendAsync(RealtimeEvents.FunctionCallDone("call_42", "transfer", """{"target":"sales"}"""));
                        break;
                }
            });
        }));

        var transcripts = new ConcurrentQueue<(ChatRole, string)>();
        var tools = new ConcurrentQueue<ToolCall>();
        var dropped = TimeSpan.Zero;
        var bridgeDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new OpenAiRealtimeClient(new ProviderSettings(OpenAiRealtimeClient.Kind, "sk-test", new Uri(vendor.BaseUrl, "v1")));
        await using var audioSocket = new AudioSocketServer(new AudioSocketOptions { Port = 0 }, new AudioSocketSessionRegistry(), async (call, token) =>
        {
            try
            {
                await using var realtime = await client.ConnectAsync(new RealtimeSessionOptions("gpt-realtime", "Be brief.", []), token);
                var hooks = new RealtimeBridgeHooks
                {
                    OnTranscript = (role, text) => transcripts.Enqueue((role, text)),
                    OnBargeIn = d => dropped = d,
                    OnToolCall = (tool, _) =>
                    {
                        tools.Enqueue(tool);
                        return Task.FromResult("""{"transferred":true}""");
                    },
                };
                await new RealtimeCallBridge(realtime, call, hooks).RunAsync("Thanks for calling Acme.", token);
                bridgeDone.TrySetResult();
            }
            catch (Exception e)
            {
                bridgeDone.TrySetException(e);
            }
        });
        await audioSocket.StartAsync(CancellationToken.None);

        await using var asterisk = await AudioSocketPeer.ConnectAsync(audioSocket.LocalEndPoint, Guid.NewGuid(), CancellationToken.None);
        foreach (var frame in SttHarness.Frames(8_000, 10)) await asterisk.SendAudioAsync(frame, CancellationToken.None);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await asterisk.WaitUntilAsync(frames => frames.Count(f => f.Kind == AudioSocketPeer.KindSlin8) >= 10, patience.Token);
        var heard = asterisk.Received.Where(f => f.Kind == AudioSocketPeer.KindSlin8).SelectMany(f => f.Payload).ToArray();
        Assert.All(asterisk.Received, f => Assert.Equal(AudioSocketPeer.KindSlin8, f.Kind)); // slin 8 kHz back to Asterisk
        bargeIn.TrySetResult();
        await DeepgramSpeechToTextTests.WaitFor(() => sent.Any(m => m["type"]!.GetValue<string>() == "conversation.item.create"));
        await asterisk.DisposeAsync(); // the caller hangs up
        await bridgeDone.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The greeting was asked for with its words, and arrived resampled to the call's 8 kHz.
        var greet = sent.First(m => m["type"]!.GetValue<string>() == "response.create");
        Assert.Contains("Thanks for calling Acme.", greet["response"]!["instructions"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Pcm.PowerAt([.. heard], 440, 8_000) > 100 * Pcm.PowerAt([.. heard], 1_000, 8_000));
        // The caller's 8 kHz went up at 24 kHz: three bytes up for each byte in.
        Assert.InRange(Volatile.Read(ref appended), 3 * 9 * 320, 3 * 10 * 320); // the resampler holds back its last few samples
        // Barge-in: what was queued was dropped, and the model was told how much of the greeting was heard.
        Assert.True(dropped > TimeSpan.Zero);
        var truncate = sent.Single(m => m["type"]!.GetValue<string>() == "conversation.item.truncate");
        Assert.Equal("item_greeting", truncate["item_id"]!.GetValue<string>());
        Assert.InRange(truncate["audio_end_ms"]!.GetValue<int>(), 0, 1_999);
        // The function call ran once and its output went back, followed by a new response.
        Assert.Equal(new ToolCall("call_42", "transfer", """{"target":"sales"}"""), Assert.Single(tools));
        var output = sent.Single(m => m["type"]!.GetValue<string>() == "conversation.item.create")["item"]!;
        Assert.Equal(("function_call_output", "call_42", """{"transferred":true}"""),
            (output["type"]!.GetValue<string>(), output["call_id"]!.GetValue<string>(), output["output"]!.GetValue<string>()));
        Assert.Equal("response.create", sent.Last(m => m["type"]!.GetValue<string>() != "input_audio_buffer.append")["type"]!.GetValue<string>());
        Assert.Contains((ChatRole.User, "Sales please."), transcripts);
    }
}

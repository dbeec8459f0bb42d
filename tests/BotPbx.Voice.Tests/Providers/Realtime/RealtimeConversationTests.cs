using System.Text.Json.Nodes;
using BotPbx.Asterisk.AudioSocket;
using BotPbx.TestSupport.Asterisk;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Calls;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.OpenAiRealtime;
using BotPbx.Voice.Tests.Fakes;
using BotPbx.Voice.Tests.Providers.Audio;
using BotPbx.Voice.Tests.Providers.Stt;
using BotPbx.Voice.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Voice.Tests.Providers.Realtime;

/// <summary>An agent whose LLM is openai-realtime: greeting, a caller's turn, and a transfer the model asks for.</summary>
public sealed class RealtimeConversationTests
{
    [Fact]
    public async Task A_realtime_agent_greets_answers_and_transfers_with_the_turns_saved()
    {
        var sent = new List<JsonNode>();
        await using var vendor = await LoopbackServer.StartAsync(app => app.Map("/v1/realtime", async context =>
        {
            var peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync(RealtimeEvents.SessionCreated);
            await peer.RunAsync(onText: async text =>
            {
                var message = JsonNode.Parse(text)!;
                lock (sent) sent.Add(message);
                if (message["type"]!.GetValue<string>() != "response.create" || message["response"]?["instructions"] is null) return;
                await peer.SendAsync(RealtimeEvents.AudioDelta("item_greeting", Pcm.Tone(440, 24_000, 0.3)));
                await peer.SendAsync(RealtimeEvents.OutputTranscriptDone("item_greeting", "Hello, Acme."));
                await peer.SendAsync(RealtimeEvents.ResponseDone);
                await peer.SendAsync(RealtimeEvents.SpeechStarted(400));
                await peer.SendAsync(RealtimeEvents.SpeechStopped(1200));
                await peer.SendAsync(RealtimeEvents.InputTranscript("Sales please."));
                await peer.SendAsync(RealtimeEvents.AudioDelta("item_answer", Pcm.Tone(440, 24_000, 0.2)));
                await peer.SendAsync(RealtimeEvents.OutputTranscriptDone("item_answer", "Connecting you."));
                await peer.SendAsync(RealtimeEvents.FunctionCallDone("call_1", "transfer", """{"target":"sales","summary":"wants sales"}"""));
                await peer.SendAsync(RealtimeEvents.ResponseDone);
            });
        }));
        var realtime = new ProviderSettings(OpenAiRealtimeClient.Kind, "sk-test", new Uri(vendor.BaseUrl, "v1"));
        var agent = AgentCallHarness.Agent(a => a with
        {
            Llm = realtime,
            Model = "gpt-realtime",
            Greeting = "Hello, Acme.",
            TransferTargets = [new TransferTarget("sales", "extension", "2001", "Sales team", Warm: false)],
        });

        var registry = new AudioSocketSessionRegistry();
        await using var server = new AudioSocketServer(new AudioSocketOptions { Port = 0 }, registry);
        await server.StartAsync(CancellationToken.None);
        var id = Guid.NewGuid();
        await using var caller = await AudioSocketPeer.ConnectAsync(server.LocalEndPoint, id, CancellationToken.None);
        var audio = await registry.WaitForAsync(id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var call = new FakeCall { Audio = audio };
        var store = new MemoryConversationStore();
        var start = new ConversationStart(agent.Id, "call", "PJSIP/test-1", "1001", "5551234", new Dictionary<string, string>(), DateTimeOffset.UtcNow);
        var conversation = new RealtimeConversation(agent, new OpenAiRealtimeClient(realtime), audio, 8_000, call, store, start,
            new FunctionCaller(new HttpClient(), TimeSpan.FromSeconds(5)), new VoiceMetrics(), TimeProvider.System, NullLogger.Instance);
        using var line = new CancellationTokenSource();
        var silence = Task.Run(async () =>
        {
            while (!line.IsCancellationRequested && !caller.Completion.IsCompleted)
            {
                await caller.SendAudioAsync(new byte[320], CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await Task.Delay(20);
            }
        });

        var end = await conversation.RunAsync(realtime, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await line.CancelAsync();
        await silence;

        Assert.Equal(("transferred", "sales"), (end.Outcome, end.TransferredTo));
        Assert.Equal(["transfer extension 2001 wants sales"], call.Actions);
        Assert.Equal(end, store.Ended);
        var turns = store.Snapshot();
        Assert.Equal(["agent:Hello, Acme.", "caller:Sales please.", "agent:Connecting you.", "tool:"], turns.Select(t => $"{t.Role}:{t.Text}"));
        var answer = turns[2].Timings!;
        Assert.True(answer.FirstFrameSent >= answer.EndOfSpeech);
        Assert.Equal(("transfer", """{"ok":true}"""), (turns[3].ToolName, turns[3].ToolResult));
        Assert.Contains(caller.Received, f => f.Kind == AudioSocketPeer.KindSlin8);
        // The agent's tools reached the model as functions.
        var update = sent.First(m => m["type"]!.GetValue<string>() == "session.update")["session"]!;
        Assert.Contains(update["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == AgentTools.Transfer);
        Assert.Equal("You are the front desk.", update["instructions"]!.GetValue<string>());
    }

}

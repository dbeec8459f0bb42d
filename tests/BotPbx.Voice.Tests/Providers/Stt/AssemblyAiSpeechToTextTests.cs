using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.AssemblyAi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Stt;

/// <summary>AssemblyAI's /v3/ws on loopback: Begin, Turn (unformatted then formatted), ForceEndpoint, Terminate/Termination.</summary>
public sealed class AssemblyAiSpeechToTextTests
{
    private const string Key = "aai-test-key-9d8e7f60";
    private const string Begin = """{"type":"Begin","id":"de5d9927-73a6-4be8-b52d-b4c07be37e6b","expires_at":1759796682}""";

    private static string Turn(int order, string transcript, bool endOfTurn, bool formatted) =>
        $$"""{"turn_order":{{order}},"turn_is_formatted":{{(formatted ? "true" : "false")}},"end_of_turn":{{(endOfTurn ? "true" : "false")}},"transcript":"{{transcript}}","end_of_turn_confidence":0.6918,"words":[],"type":"Turn"}""";

    [Fact]
    public async Task Partial_turns_stream_and_a_forced_endpoint_gives_the_formatted_turn()
    {
        WebSocketPeer? peer = null;
        string? query = null, authorization = null;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v3/ws", async context =>
        {
            (query, authorization) = (context.Request.QueryString.Value, context.Request.Headers.Authorization);
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync(Begin);
            var partials = 0;
            await peer.RunAsync(
                onBinary: async _ =>
                {
                    if (++partials == 1) await peer.SendAsync(Turn(0, "i want to", endOfTurn: false, formatted: false));
                },
                onText: async text =>
                {
                    if (text.Contains("ForceEndpoint"))
                    {
                        await peer.SendAsync(Turn(0, "i want to pay my bill", endOfTurn: true, formatted: false));
                        await peer.SendAsync(Turn(0, "I want to pay my bill.", endOfTurn: true, formatted: true));
                    }
                    if (text.Contains("Terminate"))
                    {
                        await peer.SendAsync("""{"type":"Termination","audio_duration_seconds":1,"session_duration_seconds":1}""");
                        await peer.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                });
        }));
        var stt = new AssemblyAiSpeechToText(new ProviderSettings(AssemblyAiSpeechToText.Kind, Key, server.BaseUrl));

        SttResult final;
        IReadOnlyList<SttResult> seen;
        await using (var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), CancellationToken.None))
        {
            var results = SttHarness.Collect(session);
            foreach (var frame in SttHarness.Frames(8_000, 7)) await session.SendAsync(frame, CancellationToken.None);
            await DeepgramSpeechToTextTests.WaitFor(() => results.Contains("i want to"));
            await session.CompleteAsync(CancellationToken.None);
            final = await results.Final;
            seen = results.Seen;
        }

        Assert.Equal("I want to pay my bill.", final.Text);
        Assert.Equal(0.6918, final.Confidence);
        Assert.Single(seen, r => r.IsFinal);
        Assert.Equal(Key, authorization);
        Assert.Contains("sample_rate=8000", query, StringComparison.Ordinal);
        Assert.Contains("encoding=pcm_s16le", query, StringComparison.Ordinal);
        // 7 frames of 20 ms go out as 60 + 60 ms (AssemblyAI refuses messages under 50 ms), and the 20 ms tail is padded to 50 ms.
        Assert.Equal([960, 960, 800], peer!.BinarySizes);
        var texts = new List<string>();
        await foreach (var text in peer.Texts.Reader.ReadAllAsync()) texts.Add(text);
        Assert.Equal(["""{"type":"ForceEndpoint"}""", """{"type":"Terminate"}"""], texts);
    }

    [Fact]
    public async Task A_short_tail_is_padded_to_50_ms_before_the_forced_endpoint()
    {
        WebSocketPeer? peer = null;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v3/ws", async context =>
        {
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.RunAsync(onText: async text =>
            {
                if (text.Contains("ForceEndpoint")) await peer.SendAsync(Turn(0, "No.", endOfTurn: true, formatted: true));
            });
        }));
        var stt = new AssemblyAiSpeechToText(new ProviderSettings(AssemblyAiSpeechToText.Kind, Key, server.BaseUrl));

        await using var session = await stt.StartAsync(new SttOptions(16_000, "en"), CancellationToken.None);
        var results = SttHarness.Collect(session);
        await session.SendAsync(SttHarness.Frames(16_000, 1).First(), CancellationToken.None); // 20 ms
        await session.CompleteAsync(CancellationToken.None);

        Assert.Equal("No.", (await results.Final).Text);
        Assert.Equal([1_600], peer!.BinarySizes); // 50 ms at 16 kHz
    }

    [Fact]
    public async Task An_unauthorized_close_names_AssemblyAI_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v3/ws", async context =>
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            // v3 accepts the upgrade, then closes with a policy-violation code and a reason.
            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "Invalid API key", CancellationToken.None);
            await socket.ReceiveAsync(new byte[16], CancellationToken.None).ContinueWith(_ => { });
        }));
        var stt = new AssemblyAiSpeechToText(new ProviderSettings(AssemblyAiSpeechToText.Kind, Key, server.BaseUrl));

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => SttHarness.Collect(session).Final);

        Assert.Contains("AssemblyAI", e.Message, StringComparison.Ordinal);
        Assert.Contains("1008", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid API key", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_upgrade_is_unauthorized()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v3/ws", context =>
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync("""{"error":"Invalid API key"}""");
        }));
        var stt = new AssemblyAiSpeechToText(new ProviderSettings(AssemblyAiSpeechToText.Kind, Key, server.BaseUrl));

        var e = await Assert.ThrowsAsync<ProviderException>(() => stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
    }
}

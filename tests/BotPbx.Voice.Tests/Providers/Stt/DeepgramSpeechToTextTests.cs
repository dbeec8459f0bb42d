using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Deepgram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BotPbx.Voice.Tests.Providers.Stt;

/// <summary>Deepgram's /v1/listen on loopback: binary linear16 in, Results/Metadata JSON out, Finalize/KeepAlive/CloseStream.</summary>
public sealed class DeepgramSpeechToTextTests
{
    private const string Key = "dg-test-key-73c1f0aa";

    private static string Results(string transcript, bool isFinal, bool speechFinal = false, bool fromFinalize = false, double start = 0) =>
        $$"""{"type":"Results","channel_index":[0,1],"duration":1.04,"start":{{start}},"is_final":{{Lower(isFinal)}},"speech_final":{{Lower(speechFinal)}},"channel":{"alternatives":[{"transcript":"{{transcript}}","confidence":0.9975586,"words":[]}]},"metadata":{"request_id":"b3e3fd5e-2d4b-4f3e-9c1d-8e0a6b2c7f10","model_info":{"name":"general-nova-3","version":"2025-01-01.0","arch":"nova-3"},"model_uuid":"40bd3654-e622-47c4-a111-63a61b23bd5c"},"from_finalize":{{Lower(fromFinalize)}}}""";

    private const string Metadata = """{"type":"Metadata","transaction_key":"deprecated","request_id":"b3e3fd5e-2d4b-4f3e-9c1d-8e0a6b2c7f10","sha256":"5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566","created":"2026-12-07T19:00:00.000Z","duration":2.4,"channels":1,"models":["40bd3654-e622-47c4-a111-63a61b23bd5c"],"model_info":{"40bd3654-e622-47c4-a111-63a61b23bd5c":{"name":"general-nova-3","version":"2025-01-01.0","arch":"nova-3"}}}""";

    [Fact]
    public async Task Words_appear_while_the_caller_speaks_and_finalize_gives_the_whole_utterance()
    {
        WebSocketPeer? peer = null;
        string? query = null, authorization = null;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            (query, authorization) = (context.Request.QueryString.Value, context.Request.Headers.Authorization);
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            var sentInterim = false;
            await peer.RunAsync(
                onBinary: async _ =>
                {
                    if (sentInterim) return;
                    sentInterim = true;
                    await peer.SendAsync(Results("hello", isFinal: false));
                    await peer.SendAsync(Results("hello there", isFinal: true, start: 0));
                    await peer.SendAsync(Results("how are", isFinal: false, start: 1.04));
                },
                onText: async text =>
                {
                    if (text.Contains("Finalize")) await peer.SendAsync(Results("how are you", isFinal: true, fromFinalize: true, start: 1.04));
                    if (text.Contains("CloseStream"))
                    {
                        await peer.SendAsync(Metadata);
                        await peer.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                });
        }));
        var stt = new DeepgramSpeechToText(new ProviderSettings(DeepgramSpeechToText.Kind, Key, new Uri(server.BaseUrl, "v1")));

        var results = new List<SttResult>();
        await using (var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), CancellationToken.None))
        {
            var reading = Task.Run(async () =>
            {
                await foreach (var result in session.ResultsAsync(CancellationToken.None))
                {
                    lock (results) results.Add(result);
                    if (result.IsFinal) break;
                }
            });
            foreach (var frame in SttHarness.Frames(8_000, 10)) await session.SendAsync(frame, CancellationToken.None);
            await WaitFor(() => peer!.BinaryBytes == 3_200);
            await WaitFor(() => { lock (results) return results.Any(r => r.Text == "hello there how are"); });
            await session.CompleteAsync(CancellationToken.None); // the pipeline's end of turn
            await reading.WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.True(stt.IsStreaming);
        var final = Assert.Single(results, r => r.IsFinal);
        Assert.Equal("hello there how are you", final.Text);
        Assert.Same(final, results[^1]);
        Assert.Contains(results, r => !r.IsFinal && r.Text == "hello");
        Assert.Contains(results, r => !r.IsFinal && r.Text == "hello there how are");
        Assert.Equal(0.9975586, results[^1].Confidence);
        Assert.Equal($"Token {Key}", authorization);
        Assert.Contains("encoding=linear16", query, StringComparison.Ordinal);
        Assert.Contains("sample_rate=8000", query, StringComparison.Ordinal);
        Assert.Contains("interim_results=true", query, StringComparison.Ordinal);
        var texts = await ReadAll(peer!);
        Assert.Equal(["""{"type":"Finalize"}""", """{"type":"CloseStream"}"""], texts);
    }

    [Fact]
    public async Task A_finalize_that_deepgram_does_not_answer_still_ends_the_turn_with_what_was_heard()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            var peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            var once = false;
            await peer.RunAsync(onBinary: async _ =>
            {
                if (once) return;
                once = true;
                await peer.SendAsync(Results("yes please", isFinal: true));
            });
        }));
        var stt = new DeepgramSpeechToText(Settings(server, ("flushTimeoutMs", "200")));

        await using var session = await stt.StartAsync(new SttOptions(16_000, "en"), CancellationToken.None);
        var results = SttHarness.Collect(session);
        await session.SendAsync(SttHarness.Frames(16_000, 1).First(), CancellationToken.None);
        await WaitFor(() => results.Contains("yes please"));
        await session.CompleteAsync(CancellationToken.None);

        Assert.Equal(new SttResult("yes please", true, 0.9975586), await results.Final);
    }

    [Fact]
    public async Task KeepAlive_goes_out_while_no_audio_does()
    {
        var keptAlive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            var peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.RunAsync(onText: text =>
            {
                if (text == """{"type":"KeepAlive"}""") keptAlive.TrySetResult();
                return Task.CompletedTask;
            });
        }));
        var stt = new DeepgramSpeechToText(Settings(server, ("keepAliveMs", "100")));

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);

        await keptAlive.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_refused_key_fails_the_start_naming_Deepgram_and_never_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers["dg-error"] = "Invalid credentials.";
            return Task.CompletedTask;
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        var e = await Assert.ThrowsAsync<ProviderException>(() => stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Unauthorized, e.Failure);
        Assert.StartsWith("Deepgram:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_on_the_upgrade_is_rate_limited_with_retry_after()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "2";
            return Task.CompletedTask;
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        var e = await Assert.ThrowsAsync<ProviderException>(() => stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None));

        Assert.Equal((ProviderFailure.RateLimited, TimeSpan.FromSeconds(2)), (e.Failure, e.RetryAfter));
    }

    [Fact]
    public async Task Deepgram_closing_the_stream_ends_the_results_with_its_reason()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.InternalServerError,
                "NET-0001: Deepgram did not receive audio data or a text message within the timeout window.", CancellationToken.None);
            await socket.ReceiveAsync(new byte[16], CancellationToken.None).ContinueWith(_ => { });
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => SttHarness.UntilFinal(session));

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
        Assert.Contains("NET-0001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_without_a_close_ends_the_results_with_an_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            await context.WebSockets.AcceptWebSocketAsync();
            await Task.Delay(100);
            context.Abort();
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => SttHarness.UntilFinal(session));

        Assert.Equal(ProviderFailure.Unavailable, e.Failure);
    }

    [Fact]
    public async Task Malformed_json_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            var peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.SendAsync("""{"type":"Results","channel":{"alternatives":[{"transcript":"hel""");
            await peer.RunAsync();
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        await using var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        var e = await Assert.ThrowsAsync<ProviderException>(() => SttHarness.UntilFinal(session));

        Assert.Equal(ProviderFailure.Protocol, e.Failure);
    }

    [Fact]
    public async Task Disposing_the_session_says_CloseStream_and_closes_the_socket()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WebSocketPeer? peer = null;
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/v1/listen", async context =>
        {
            peer = new WebSocketPeer(await context.WebSockets.AcceptWebSocketAsync());
            await peer.RunAsync(); // a vendor that never answers CloseStream: the client must not hang on it
            closed.TrySetResult();
        }));
        var stt = new DeepgramSpeechToText(Settings(server));

        var session = await stt.StartAsync(new SttOptions(8_000, "en"), CancellationToken.None);
        await session.DisposeAsync();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("""{"type":"CloseStream"}""", await ReadAll(peer!));
    }

    private static ProviderSettings Settings(LoopbackServer server, params (string Name, string Value)[] options) =>
        new(DeepgramSpeechToText.Kind, Key, new Uri(server.BaseUrl, "v1"), options.ToDictionary(o => o.Name, o => o.Value));

    private static string Lower(bool value) => value ? "true" : "false";

    private static async Task<List<string>> ReadAll(WebSocketPeer peer)
    {
        var all = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var text in peer.Texts.Reader.ReadAllAsync(cts.Token)) all.Add(text);
        return all;
    }

    internal static async Task WaitFor(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition()) await Task.Delay(10, cts.Token);
    }
}

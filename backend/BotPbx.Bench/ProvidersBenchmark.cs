using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Audio;
using BotPbx.Voice.Providers.Deepgram;
using BotPbx.Voice.Providers.ElevenLabs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotPbx.Bench;

/// <summary>
/// What the vendor clients themselves cost, with the vendor taken out (a loopback server that answers at once):
/// the resampler's CPU per second of call audio, an ElevenLabs-format TTS request's time to first audio, and a
/// Deepgram-format end of turn (Finalize → final result).
/// </summary>
public sealed class ProvidersBenchmark : IBenchmark
{
    private const int Requests = 300;

    public string Name => "providers";

    public string Description => "vendor clients on loopback: resampler CPU per call-second, TTS first audio, STT finalize round trip";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        Resampler(output, 24_000, 8_000);
        Resampler(output, 8_000, 24_000);
        Resampler(output, 16_000, 24_000);
        Resampler(output, 22_050, 16_000);
        await using var server = await StartServerAsync(cancellationToken).ConfigureAwait(false);
        await TtsFirstAudioAsync(output, server.Url, cancellationToken).ConfigureAwait(false);
        await SttFinalizeAsync(output, server.Url, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A minute of speech-band audio in 20 ms chunks, as a call streams it.</summary>
    private static void Resampler(TextWriter output, int from, int to)
    {
        var seconds = 60;
        var chunk = from / 50 * 2;
        var audio = new byte[from * 2 * seconds];
        for (var i = 0; i < audio.Length / 2; i++)
        {
            var s = (short)(6000 * Math.Sin(2 * Math.PI * 440 * i / from));
            audio[2 * i] = (byte)s;
            audio[2 * i + 1] = (byte)(s >> 8);
        }
        Run(audio[..(chunk * 50)], from, to, chunk); // warm-up
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        Run(audio, from, to, chunk);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resample {from,6} -> {to,6} Hz: {elapsed.TotalMilliseconds / seconds,6:F2} ms wall and {cpuUsed.TotalMilliseconds / seconds,6:F2} ms CPU per second of audio " +
            $"({seconds * 1000 / Math.Max(1, cpuUsed.TotalMilliseconds),5:F0} call-seconds per core-second), {allocated / seconds / 1024.0,6:F1} KiB allocated per second"));
    }

    private static void Run(byte[] audio, int from, int to, int chunk)
    {
        var resampler = new PcmResampler(from, to);
        for (var offset = 0; offset < audio.Length; offset += chunk) _ = resampler.Process(audio.AsSpan(offset, Math.Min(chunk, audio.Length - offset)));
        _ = resampler.Flush();
    }

    private static async Task TtsFirstAudioAsync(TextWriter output, Uri url, CancellationToken cancellationToken)
    {
        var tts = new ElevenLabsTextToSpeech(new ProviderSettings(ElevenLabsTextToSpeech.Kind, "bench-key", url), ProviderHttpClient.Shared);
        var first = new List<double>();
        var total = new List<double>();
        for (var i = 0; i < Requests + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            double? firstMs = null;
            await foreach (var _ in tts.SynthesizeAsync(new TtsRequest("Thanks for calling.", "voice", 1, 8_000), cancellationToken).ConfigureAwait(false))
            {
                firstMs ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            if (i < 20) continue; // warm-up
            first.Add(firstMs ?? double.NaN);
            total.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        output.WriteLine($"elevenlabs TTS, 2 s of pcm_8000 (the rate asked, no resampling), {Requests} requests: first audio {Percentiles(first)}; whole answer {Percentiles(total)}");
    }

    private static async Task SttFinalizeAsync(TextWriter output, Uri url, CancellationToken cancellationToken)
    {
        var stt = new DeepgramSpeechToText(new ProviderSettings(DeepgramSpeechToText.Kind, "bench-key", url));
        await using var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), cancellationToken).ConfigureAwait(false);
        var results = session.ResultsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var frame = new byte[320];
        var rounds = new List<double>();
        for (var i = 0; i < Requests + 20; i++)
        {
            for (var f = 0; f < 5; f++) await session.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            await session.CompleteAsync(cancellationToken).ConfigureAwait(false);
            while (await results.MoveNextAsync().ConfigureAwait(false) && !results.Current.IsFinal)
            {
            }
            if (i >= 20) rounds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        await results.DisposeAsync().ConfigureAwait(false);
        output.WriteLine($"deepgram STT over WebSocket, end of turn (Finalize) to final result, {Requests} turns: {Percentiles(rounds)}");
    }

    private static string Percentiles(List<double> values)
    {
        values.Sort();
        double At(double p) => values[Math.Min(values.Count - 1, (int)(p * values.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):F2} ms, p95 {At(0.95):F2} ms, max {values[^1]:F2} ms");
    }

    /// <summary>ElevenLabs' stream endpoint (1 s of PCM at once) and Deepgram's listen socket (Finalize answered at once).</summary>
    private static async Task<LoopbackVendor> StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        var pcm = new byte[32_000];
        app.MapPost("/v1/text-to-speech/{voice}/stream", (HttpContext context) => context.Response.Body.WriteAsync(pcm).AsTask());
        var final = Encoding.UTF8.GetBytes("""{"type":"Results","is_final":true,"speech_final":false,"from_finalize":true,"channel":{"alternatives":[{"transcript":"yes","confidence":0.99}]}}""");
        app.Map("/v1/listen", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[8192];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.MessageType != WebSocketMessageType.Text) continue;
                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                if (text.Contains("Finalize", StringComparison.Ordinal)) await socket.SendAsync(final, WebSocketMessageType.Text, true, CancellationToken.None);
                if (text.Contains("CloseStream", StringComparison.Ordinal)) break;
            }
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackVendor(app, new Uri(address));
    }

    private sealed class LoopbackVendor(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url => url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

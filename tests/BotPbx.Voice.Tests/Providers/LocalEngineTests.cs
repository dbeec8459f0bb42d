using BotPbx.Voice.Audio;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Providers.Flite;
using BotPbx.Voice.Providers.Pocketsphinx;

namespace BotPbx.Voice.Tests.Providers;

/// <summary>The offline engines, Debian's flite and pocketsphinx on this host, end to end: what flite says pocketsphinx hears.</summary>
public sealed class LocalEngineTests
{
    private const string Grammar = """
        #JSGF V1.0;
        grammar caller;
        public <s> = ( i would like to talk to sales please | what are your opening hours | goodbye )+;
        """;

    private static readonly ProviderServices Services = new();

    [Theory]
    [InlineData(8_000)]
    [InlineData(16_000)]
    public async Task Flite_speaks_a_sentence_at_the_rate_asked_for(int rate)
    {
        var tts = new FliteTts(new ProviderSettings("flite"), Services);

        var pcm = await SpeakAsync(tts, "Thank you for calling.", rate);

        var seconds = pcm.Length / 2.0 / rate;
        Assert.InRange(seconds, 0.8, 3.0);
        Assert.True(Pcm16.Rms(pcm) > 500, "the audio holds speech, not silence");
    }

    [Fact]
    public async Task Flite_speaks_slower_at_a_lower_speed()
    {
        var tts = new FliteTts(new ProviderSettings("flite"), Services);

        var normal = await SpeakAsync(tts, "Thank you for calling.", 8_000);
        var slow = await SpeakAsync(tts, "Thank you for calling.", 8_000, speed: 0.5);

        Assert.True(slow.Length > normal.Length * 1.6);
    }

    [Fact]
    public async Task Flite_refuses_a_voice_that_is_not_a_name()
    {
        var tts = new FliteTts(new ProviderSettings("flite"), Services);

        await Assert.ThrowsAsync<ArgumentException>(() => SpeakAsync(tts, "Hi.", 8_000, voice: "kal; rm -rf /"));
    }

    [Fact]
    public async Task Pocketsphinx_transcribes_phone_audio_streamed_in_20_ms_frames()
    {
        var pcm = await SpeakAsync(new FliteTts(new ProviderSettings("flite"), Services), "I would like to talk to sales please.", 8_000);
        var stt = new PocketsphinxStt(new ProviderSettings("pocketsphinx", Options: new Dictionary<string, string> { ["grammar"] = Grammar }), Services);
        await using var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), CancellationToken.None);

        // Silence either side, as a caller's turn has.
        var silence = new byte[8_000 / 5 * 2];
        byte[] audio = [.. silence, .. pcm, .. silence];
        for (var at = 0; at < audio.Length; at += 320) await session.SendAsync(audio.AsMemory(at, Math.Min(320, audio.Length - at)), CancellationToken.None);
        await session.CompleteAsync(CancellationToken.None);

        var final = await FirstFinalAsync(session);
        Assert.Equal("i would like to talk to sales please", final.Text);
    }

    [Fact]
    public async Task Pocketsphinx_answers_empty_for_a_turn_without_audio_and_keeps_working_after()
    {
        var pcm = await SpeakAsync(new FliteTts(new ProviderSettings("flite"), Services), "Goodbye.", 8_000);
        var stt = new PocketsphinxStt(new ProviderSettings("pocketsphinx", Options: new Dictionary<string, string> { ["grammar"] = Grammar }), Services);
        await using var session = await stt.StartAsync(new SttOptions(8_000, "en-US"), CancellationToken.None);

        await session.CompleteAsync(CancellationToken.None);
        Assert.Equal("", (await FirstFinalAsync(session)).Text);

        await session.SendAsync(new byte[3200], CancellationToken.None);
        await session.SendAsync(pcm, CancellationToken.None);
        await session.SendAsync(new byte[3200], CancellationToken.None);
        await session.CompleteAsync(CancellationToken.None);
        Assert.Equal("goodbye", (await FirstFinalAsync(session)).Text);
    }

    private static async Task<SttResult> FirstFinalAsync(ISttSession session)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var result in session.ResultsAsync(limit.Token))
        {
            if (result.IsFinal) return result;
        }
        throw new InvalidOperationException("No final result.");
    }

    private static async Task<byte[]> SpeakAsync(ITextToSpeech tts, string text, int rate, double speed = 1.0, string? voice = null)
    {
        using var audio = new MemoryStream();
        await foreach (var chunk in tts.SynthesizeAsync(new TtsRequest(text, voice, speed, rate), CancellationToken.None)) audio.Write(chunk.Span);
        return audio.ToArray();
    }
}

public sealed class PocketsphinxModelTests
{
    [Fact]
    public void The_agents_stt_model_picks_a_grammar_a_language_model_or_nothing()
    {
        var grammar = Path.Combine(Path.GetTempPath(), $"vc-{Guid.NewGuid():N}.gram");
        File.WriteAllText(grammar, "#JSGF V1.0;\ngrammar g;\npublic <s> = hello;\n");
        try
        {
            var models = Path.GetTempPath();
            Assert.Equal(["-jsgf", grammar], PocketsphinxStt.ModelArgument(grammar, models)!);
            Assert.Equal(["-jsgf", grammar], PocketsphinxStt.ModelArgument(Path.GetFileName(grammar), models)!);
            Assert.Equal(["-lm", "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"],
                PocketsphinxStt.ModelArgument("en-us/en-us.lm.bin", "/usr/share/pocketsphinx/model")!);
            Assert.Null(PocketsphinxStt.ModelArgument("nova-2", models));
            Assert.Null(PocketsphinxStt.ModelArgument(null, models));
            Assert.Null(PocketsphinxStt.ModelArgument("../etc/passwd.gram", models));
            Assert.Throws<ArgumentException>(() => PocketsphinxStt.ModelArgument("/nowhere/missing.gram", models));
        }
        finally
        {
            File.Delete(grammar);
        }
    }
}

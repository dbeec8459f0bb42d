using BotPbx.Ivr.Prompts;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Ivr.Tests.Prompts;

/// <summary>The prompt cache with the real flite and sox (installed by test.sh's prerequisites).</summary>
public sealed class PromptCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "botpbx-prompts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private PromptCache NewCache(ITextToSpeech? tts = null) =>
        new([tts ?? new FliteTextToSpeech()], new PromptCacheOptions { Directory = _directory }, NullLogger<PromptCache>.Instance);

    [Fact]
    public async Task Flite_speaks_a_prompt_into_an_8_khz_mono_16_bit_wav_named_by_its_hash()
    {
        using var cache = NewCache();
        var prompt = await cache.GetAsync(null, null, "Thank you for calling.", CancellationToken.None);
        Assert.Equal(PromptCache.HashOf("flite", "kal", "Thank you for calling."), prompt.Hash);
        Assert.Equal(Path.Combine(_directory, prompt.Hash), prompt.PlaybackFile);
        Assert.True(WavHeader.IsTelephony(prompt.WavPath));
        Assert.True(new FileInfo(prompt.WavPath).Length > 8000, "a second of speech at 8 kHz 16-bit is 16000 bytes");
    }

    [Fact]
    public async Task A_16_khz_voice_is_converted_to_8_khz()
    {
        using var cache = NewCache();
        var prompt = await cache.GetAsync("flite", "slt", "Hello.", CancellationToken.None);
        Assert.True(WavHeader.IsTelephony(prompt.WavPath));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_prompt_synthesize_it_once_and_later_ones_hit_the_disk()
    {
        using var cache = NewCache();
        var requests = Enumerable.Range(0, 12).Select(_ => cache.GetAsync("flite", "kal", "Please hold.", CancellationToken.None));
        var prompts = await Task.WhenAll(requests);
        var again = await cache.GetAsync("flite", "kal", "Please hold.", CancellationToken.None);
        Assert.Single(prompts.Select(p => p.WavPath).Distinct());
        Assert.Equal(prompts[0].WavPath, again.WavPath);
        Assert.Equal(1, cache.SynthesisCount);
        Assert.Equal([prompts[0].WavPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_different_voice_or_text_is_a_different_prompt()
    {
        using var cache = NewCache();
        var a = await cache.GetAsync("flite", "kal", "One.", CancellationToken.None);
        var b = await cache.GetAsync("flite", "kal", "Two.", CancellationToken.None);
        var c = await cache.GetAsync("flite", "slt", "One.", CancellationToken.None);
        Assert.Equal(3, new[] { a.Hash, b.Hash, c.Hash }.Distinct().Count());
        Assert.Equal(3, cache.SynthesisCount);
    }

    [Fact]
    public async Task A_caller_who_hangs_up_does_not_cancel_a_synthesis_others_wait_for()
    {
        var slow = new GatedTts();
        using var cache = NewCache(slow);
        using var hangup = new CancellationTokenSource();
        var leaver = cache.GetAsync("gated", "v", "Shared prompt", hangup.Token);
        var stayer = cache.GetAsync("gated", "v", "Shared prompt", CancellationToken.None);
        await hangup.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);
        slow.Release.SetResult();
        var prompt = await stayer;
        Assert.True(File.Exists(prompt.WavPath));
        Assert.Equal(1, cache.SynthesisCount);
    }

    [Fact]
    public async Task A_failed_synthesis_is_not_cached_and_the_next_request_tries_again()
    {
        var flaky = new GatedTts { FailFirst = true };
        flaky.Release.SetResult();
        using var cache = NewCache(flaky);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("gated", "v", "Retry me", CancellationToken.None));
        var prompt = await cache.GetAsync("gated", "v", "Retry me", CancellationToken.None);
        Assert.True(File.Exists(prompt.WavPath));
        Assert.Equal(2, cache.SynthesisCount);
    }

    [Fact]
    public void Only_well_formed_hashes_are_looked_up()
    {
        using var cache = NewCache();
        Assert.Null(cache.TryGetWav("../../etc/passwd"));
        Assert.Null(cache.TryGetWav(new string('A', 64)));
        Assert.Null(cache.TryGetWav(new string('a', 64)));
    }

    /// <summary>A TTS engine that writes flite's output only when released, to hold a synthesis open.</summary>
    private sealed class GatedTts : ITextToSpeech
    {
        private int _calls;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailFirst { get; init; }

        public string Engine => "gated";

        public string DefaultVoice => "v";

        public async Task SynthesizeAsync(string text, string voice, string outputWavPath, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            if (FailFirst && Interlocked.Increment(ref _calls) == 1) throw new InvalidOperationException("engine down");
            await new FliteTextToSpeech().SynthesizeAsync(text, "kal", outputWavPath, cancellationToken);
        }
    }
}

internal static class WavHeader
{
    /// <summary>RIFF/WAVE, PCM, 1 channel, 8000 Hz, 16 bits: read straight from the fmt chunk.</summary>
    public static bool IsTelephony(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(0, 36);
        return header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8)
            && BitConverter.ToUInt16(header[20..22]) == 1 && BitConverter.ToUInt16(header[22..24]) == 1
            && BitConverter.ToUInt32(header[24..28]) == 8000 && BitConverter.ToUInt16(header[34..36]) == 16;
    }
}

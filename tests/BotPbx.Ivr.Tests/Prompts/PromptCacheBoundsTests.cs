using BotPbx.Ivr.Prompts;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Ivr.Tests.Prompts;

/// <summary>Review item: the TTS prompt cache had no limit and its text is partly caller-controlled.</summary>
public sealed class PromptCacheBoundsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "botpbx-prompt-bounds-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Writes a telephony WAV of a fixed size without running an engine, recording the text it was given.</summary>
    private sealed class FakeTts : ITextToSpeech
    {
        public List<string> Texts { get; } = [];

        public string Engine => "fake";

        public string DefaultVoice => "v";

        public Task SynthesizeAsync(string text, string voice, string outputWavPath, CancellationToken cancellationToken)
        {
            lock (Texts) Texts.Add(text);
            return File.WriteAllBytesAsync(outputWavPath, TelephonyWav(1000), cancellationToken);
        }
    }

    private static byte[] TelephonyWav(int dataBytes)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8); w.Write(36 + dataBytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(dataBytes); w.Write(new byte[dataBytes]);
        w.Flush();
        return stream.ToArray();
    }

    private PromptCache NewCache(FakeTts tts, int maxEntries = 100, long maxBytes = 1 << 30, int maxText = 1000) =>
        new([tts], new PromptCacheOptions { Directory = _directory, DefaultEngine = "fake", MaxEntries = maxEntries, MaxBytes = maxBytes, MaxTextLength = maxText },
            NullLogger<PromptCache>.Instance);

    private int PromptFiles() => Directory.GetFiles(_directory, "*.wav").Length;

    [Fact]
    public async Task Caller_controlled_text_is_cut_at_the_length_limit()
    {
        var tts = new FakeTts();
        using var cache = NewCache(tts, maxText: 50);
        var callerName = new string('x', 10_000);

        var prompt = await cache.GetAsync(null, null, "Hello " + callerName, CancellationToken.None);

        Assert.Equal(50, Assert.Single(tts.Texts).Length);
        Assert.Equal(PromptCache.HashOf("fake", "v", ("Hello " + callerName)[..50]), prompt.Hash);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        Assert.Equal("ab", PromptCache.Truncate("ab\U0001F600cd", 3));
        Assert.Equal("ab\U0001F600", PromptCache.Truncate("ab\U0001F600cd", 4));
    }

    [Fact]
    public async Task The_number_of_prompts_is_bounded_and_the_least_recently_used_go_first()
    {
        var tts = new FakeTts();
        using var cache = NewCache(tts, maxEntries: 3);
        var first = await cache.GetAsync(null, null, "one", CancellationToken.None);
        var second = await cache.GetAsync(null, null, "two", CancellationToken.None);
        await cache.GetAsync(null, null, "three", CancellationToken.None);
        File.SetLastWriteTimeUtc(first.WavPath, DateTime.UtcNow.AddMinutes(-10));
        File.SetLastWriteTimeUtc(second.WavPath, DateTime.UtcNow.AddMinutes(-5));
        // A hit on "one" makes it the most recently used; "two" is now the oldest.
        await cache.GetAsync(null, null, "one", CancellationToken.None);

        await cache.GetAsync(null, null, "four", CancellationToken.None);

        Assert.Equal(3, PromptFiles());
        Assert.True(File.Exists(first.WavPath));
        Assert.False(File.Exists(second.WavPath));
    }

    [Fact]
    public async Task A_flood_of_distinct_texts_never_grows_the_cache_beyond_its_limits()
    {
        var tts = new FakeTts();
        var size = TelephonyWav(1000).Length;
        using var cache = NewCache(tts, maxEntries: 1000, maxBytes: 5L * size);
        for (var i = 0; i < 40; i++)
        {
            await cache.GetAsync(null, null, "caller " + i, CancellationToken.None);
            Assert.True(PromptFiles() <= 5);
        }
        Assert.Equal(40, tts.Texts.Count);
    }

    [Fact]
    public async Task An_evicted_prompt_is_synthesized_again_when_asked_for()
    {
        var tts = new FakeTts();
        using var cache = NewCache(tts, maxEntries: 1);
        var first = await cache.GetAsync(null, null, "one", CancellationToken.None);
        await cache.GetAsync(null, null, "two", CancellationToken.None);
        Assert.False(File.Exists(first.WavPath));

        var again = await cache.GetAsync(null, null, "one", CancellationToken.None);

        Assert.True(File.Exists(again.WavPath));
        Assert.Equal(3, tts.Texts.Count);
    }

    [Fact]
    public async Task Files_that_are_not_finished_prompts_are_left_alone()
    {
        var tts = new FakeTts();
        using var cache = NewCache(tts, maxEntries: 1);
        Directory.CreateDirectory(_directory);
        var other = Path.Combine(_directory, "welcome.wav");
        File.WriteAllBytes(other, TelephonyWav(10));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddDays(-1));

        await cache.GetAsync(null, null, "one", CancellationToken.None);
        await cache.GetAsync(null, null, "two", CancellationToken.None);

        Assert.True(File.Exists(other));
    }
}

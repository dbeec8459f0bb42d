using BotPbx.Ivr.Prompts;
using BotPbx.Telephony.Sounds;
using BotPbx.TestSupport.Audio;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Ivr.Tests.Prompts;

/// <summary>BotPBX's own prompts, made with the real flite and sox (Debian packages, installed by test.sh's prerequisites).</summary>
public sealed class SystemPromptMakerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "botpbx-system-prompts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private SystemPromptMaker NewMaker(ITextToSpeech? tts = null) =>
        new(tts ?? new FliteTextToSpeech(), "sox", _directory, NullLogger<SystemPromptMaker>.Instance);

    [Fact]
    public async Task Every_system_prompt_is_spoken_into_an_8_khz_mono_16_bit_wav_that_is_not_silent()
    {
        using var maker = NewMaker();
        await maker.EnsureAsync(CancellationToken.None);
        foreach (var prompt in SystemPrompts.All)
        {
            var wav = WavFile.Read(Path.Combine(_directory, prompt.Name + ".wav"));
            Assert.True(wav.IsTelephony, $"{prompt.Name}: {wav.SampleRate} Hz, {wav.Channels} channel(s), {wav.BitsPerSample} bits");
            Assert.True(wav.Seconds > 1, $"{prompt.Name} lasts {wav.Seconds:0.00} s");
            Assert.True(wav.Rms > 300, $"{prompt.Name} is nearly silent (RMS {wav.Rms:0})");
        }
    }

    [Fact]
    public async Task The_error_prompt_is_where_the_dialplan_and_the_ivr_play_it()
    {
        using var maker = NewMaker();
        await maker.EnsureAsync(CancellationToken.None);
        Assert.True(File.Exists(SystemPrompts.PathOf(_directory, SystemPrompts.Error) + ".wav"));
        Assert.Equal(Path.Combine(_directory, "error.wav"), maker.WavPathOf(SystemPrompts.Error));
    }

    [Fact]
    public async Task Making_them_again_is_a_no_op_until_a_file_goes_missing()
    {
        using var maker = NewMaker();
        await maker.EnsureAsync(CancellationToken.None);
        var made = maker.MadeCount;
        var written = File.GetLastWriteTimeUtc(maker.WavPathOf(SystemPrompts.Error));

        await maker.EnsureAsync(CancellationToken.None);
        using (var another = NewMaker()) await another.EnsureAsync(CancellationToken.None);
        Assert.Equal(SystemPrompts.All.Count, made);
        Assert.Equal(made, maker.MadeCount);
        Assert.Equal(written, File.GetLastWriteTimeUtc(maker.WavPathOf(SystemPrompts.Error)));

        File.Delete(maker.WavPathOf(SystemPrompts.Error));
        await maker.EnsureAsync(CancellationToken.None);
        Assert.Equal(made + 1, maker.MadeCount);
        Assert.True(File.Exists(maker.WavPathOf(SystemPrompts.Error)));
        Assert.Empty(Directory.GetFiles(_directory, ".*"));
    }

    [Fact]
    public async Task A_missing_flite_is_an_error_that_names_what_to_install_and_leaves_no_file()
    {
        using var maker = NewMaker(new FliteTextToSpeech("/nonexistent/flite"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => maker.EnsureAsync(CancellationToken.None));
        Assert.Contains("flite", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(maker.WavPathOf(SystemPrompts.Error)));
    }
}

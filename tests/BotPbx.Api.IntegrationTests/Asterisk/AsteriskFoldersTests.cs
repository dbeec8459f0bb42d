using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Ivr;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.TestSupport.Audio;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Asterisk;

/// <summary>
/// Prompts, recordings and BotPBX's own sounds live under the configured Asterisk folders (ASTERISK_SOUNDS,
/// ASTERISK_SPOOL, ASTERISK_RECORDING), never under a default of their own.
/// </summary>
public sealed class AsteriskFoldersTests(AsteriskFoldersTests.Fixture fixture) : IClassFixture<AsteriskFoldersTests.Fixture>
{
    public sealed class Fixture : ApiFixture, IAsyncLifetime
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "botpbx-folders-" + Guid.NewGuid().ToString("N"));

        public string Sounds => Path.Combine(Root, "share", "sounds");

        public string Spool => Path.Combine(Root, "spool");

        public string Recording => Path.Combine(Root, "calls");

        protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["ASTERISK_SOUNDS"] = Sounds + "/",
            ["ASTERISK_SPOOL"] = Spool,
            ["ASTERISK_RECORDING"] = Recording,
            ["ASTERISK_CONFIG_DIR"] = Path.Combine(Root, "etc"),
        };

        /// <summary>Re-implements IAsyncLifetime.DisposeAsync: the API stops before its folders go.</summary>
        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
    }

    private T Service<T>() where T : notnull => fixture.Api.Services.GetRequiredService<T>();

    [Fact]
    public async Task Ivr_text_prompts_are_synthesized_under_ASTERISK_SOUNDS()
    {
        Assert.Equal(Path.Combine(fixture.Sounds, "botpbx", "prompts"), Service<PromptCacheOptions>().Directory);
        var prompt = await Service<PromptCache>().GetAsync(null, null, "Welcome to the folders test.", CancellationToken.None);
        Assert.StartsWith(Path.Combine(fixture.Sounds, "botpbx", "prompts") + "/", prompt.WavPath, StringComparison.Ordinal);
        Assert.True(File.Exists(prompt.WavPath));
    }

    [Fact]
    public void Recordings_messages_and_hold_music_follow_the_configured_folders()
    {
        Assert.Equal(Path.Combine(fixture.Sounds, "botpbx", "recordings"), Service<IvrFeatureOptions>().RecordingsDirectory);
        Assert.Equal(Path.Combine(fixture.Spool, "botpbx", "ivr"), Service<IvrOptions>().MessagesDirectory);
        var render = Service<ConfigApplyService>().RenderOptions();
        Assert.Equal(fixture.Recording, render.RecordingRoot);
        Assert.Equal(Path.Combine(fixture.Root, "share", "moh", "botpbx"), render.MohRoot);
        Assert.Equal(Path.Combine(fixture.Sounds, "botpbx", "system"), render.SystemSoundsDirectory);
        Assert.Equal(Path.Combine(fixture.Root, "etc", "botpbx"), Service<ConfigApplyService>().ConfigDirectory);
    }

    [Fact]
    public async Task BotPBXs_own_error_prompt_is_made_at_start_up_as_8_khz_mono_speech_and_played_from_there()
    {
        var wav = Path.Combine(fixture.Sounds, "botpbx", "system", "error.wav");
        for (var i = 0; i < 300 && !File.Exists(wav); i++) await Task.Delay(100);
        var file = WavFile.Read(wav);
        Assert.True(file.IsTelephony, $"{file.SampleRate} Hz, {file.Channels} channel(s)");
        Assert.True(file.Rms > 300, $"nearly silent (RMS {file.Rms:0})");
        Assert.Equal(Path.Combine(fixture.Sounds, "botpbx", "system", "error"), Service<IvrOptions>().FallbackSound);
    }

    [Fact]
    public async Task An_explicit_Ivr_setting_still_wins_over_the_derived_folder()
    {
        var custom = Path.Combine(fixture.Root, "elsewhere");
        await using var api = await ApiFactory.StartAsync(fixture.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["ASTERISK_SOUNDS"] = fixture.Sounds,
            ["Ivr:Prompts:Directory"] = custom,
        });
        Assert.Equal(custom, api.Services.GetRequiredService<PromptCacheOptions>().Directory);
    }
}

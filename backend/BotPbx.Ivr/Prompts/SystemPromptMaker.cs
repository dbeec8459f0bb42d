using BotPbx.Telephony.Sounds;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Prompts;

/// <summary>
/// Makes BotPBX's own prompts (<see cref="SystemPrompts.All"/>) with flite, converted by sox to 8 kHz mono 16-bit WAV,
/// into one folder as <c>&lt;name&gt;.wav</c>. Idempotent and cached: a prompt is made again only when its file is
/// missing or its words changed (kept beside it in <c>&lt;name&gt;.txt</c>). The WAV is renamed into place last, so
/// Asterisk sees either no file or a complete one. Runs at start-up and before every apply.
/// </summary>
public sealed class SystemPromptMaker(ITextToSpeech tts, string soxExecutable, string directory, ILogger<SystemPromptMaker> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Directory => directory;

    /// <summary>How many prompts were actually synthesized (not found up to date); for tests.</summary>
    public int MadeCount { get; private set; }

    /// <summary>The WAV of <paramref name="prompt"/>.</summary>
    public string WavPathOf(SystemPrompt prompt) => SystemPrompts.PathOf(directory, prompt) + ".wav";

    /// <summary>Makes every prompt that is missing or out of date.</summary>
    /// <exception cref="InvalidOperationException">flite or sox failed or is not installed.</exception>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var prompt in SystemPrompts.All)
            {
                if (IsUpToDate(prompt)) continue;
                await MakeAsync(prompt, cancellationToken).ConfigureAwait(false);
                MadeCount++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string StampOf(SystemPrompt prompt) => SystemPrompts.PathOf(directory, prompt) + ".txt";

    private string Source(SystemPrompt prompt) => $"{tts.Engine}/{tts.DefaultVoice}: {prompt.Text}";

    private bool IsUpToDate(SystemPrompt prompt) =>
        File.Exists(WavPathOf(prompt)) && File.Exists(StampOf(prompt)) && File.ReadAllText(StampOf(prompt)) == Source(prompt);

    private async Task MakeAsync(SystemPrompt prompt, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var unique = Guid.NewGuid().ToString("N");
        var raw = Path.Combine(directory, $".{prompt.Name}.{unique}.raw.wav");
        var converted = Path.Combine(directory, $".{prompt.Name}.{unique}.wav");
        try
        {
            await tts.SynthesizeAsync(prompt.Text, tts.DefaultVoice, raw, cancellationToken).ConfigureAwait(false);
            // Always through sox, whatever the voice's own rate: one known format for Asterisk (8 kHz, mono, 16-bit).
            await ProcessRunner.RunAsync(soxExecutable, [raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", converted],
                FliteTextToSpeech.Timeout, cancellationToken).ConfigureAwait(false);
            var wav = WavPathOf(prompt);
            File.Move(converted, wav, overwrite: true);
            await File.WriteAllTextAsync(StampOf(prompt), Source(prompt), cancellationToken).ConfigureAwait(false);
            IvrLog.SystemPromptMade(logger, prompt.Name, wav);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Process.Start's answer when the program is not installed.
            throw new InvalidOperationException($"Cannot make the system prompt '{prompt.Name}': {e.Message} (install flite and sox).", e);
        }
        finally
        {
            foreach (var temp in new[] { raw, converted })
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }

    public void Dispose() => _gate.Dispose();
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Prompts;

/// <summary>Settings of the prompt cache (section "Ivr:Prompts").</summary>
public sealed class PromptCacheOptions
{
    /// <summary>Where synthesized prompts live; Asterisk must be able to read it (STREAM FILE takes an absolute path).</summary>
    public string Directory { get; set; } = "/var/lib/asterisk/sounds/botpbx/prompts";

    public string SoxExecutable { get; set; } = "sox";

    public string DefaultEngine { get; set; } = "flite";

    /// <summary>
    /// Longest text synthesized, in characters, after variables are filled in: a prompt's text can hold caller-controlled
    /// values (<c>${CALLERID(name)}</c>, HTTP response fields), so longer text is cut here rather than spoken for minutes.
    /// </summary>
    public int MaxTextLength { get; set; } = 1000;

    /// <summary>Most prompt files kept; the least recently used go first.</summary>
    public int MaxEntries { get; set; } = 5000;

    /// <summary>Most bytes of prompt files kept (8 kHz 16-bit audio is 16 KB a second).</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;
}

/// <summary>A prompt on disk: <see cref="WavPath"/> for the browser, <see cref="PlaybackFile"/> (no extension) for STREAM FILE.</summary>
public sealed record CachedPrompt(string Hash, string WavPath)
{
    public string PlaybackFile => WavPath[..^".wav".Length];
}

/// <summary>
/// Text prompts synthesized once and kept on disk, keyed by SHA-256 of (engine, voice, text), as 8 kHz mono 16-bit WAV:
/// what Asterisk's STREAM FILE plays without transcoding surprises. Concurrent requests for the same prompt share one
/// synthesis; a failed synthesis is forgotten so the next call tries again. Bounded, because callers choose part of the
/// text (a caller-ID name, digits sent to an HTTP service): text is cut at <see cref="PromptCacheOptions.MaxTextLength"/>,
/// and after each synthesis the least recently used files are removed beyond
/// <see cref="PromptCacheOptions.MaxEntries"/> or <see cref="PromptCacheOptions.MaxBytes"/> (a hit marks a file used).
/// </summary>
public sealed class PromptCache : IDisposable
{
    private readonly Dictionary<string, ITextToSpeech> _engines;
    private readonly PromptCacheOptions _options;
    private readonly ILogger<PromptCache> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedPrompt>>> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private int _synthesisCount;

    public PromptCache(IEnumerable<ITextToSpeech> engines, PromptCacheOptions options, ILogger<PromptCache> logger)
    {
        _engines = engines.ToDictionary(e => e.Engine, StringComparer.Ordinal);
        _options = options;
        _logger = logger;
    }

    /// <summary>The engine names flows may use.</summary>
    public IReadOnlyCollection<string> Engines => _engines.Keys;

    /// <summary>How many syntheses actually ran (not cache hits); for tests and metrics.</summary>
    public int SynthesisCount => Volatile.Read(ref _synthesisCount);

    public static string HashOf(string engine, string voice, string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{engine}\n{voice}\n{text}"));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The cached WAV for <paramref name="hash"/>, or null. The hash is checked first, so no path can be smuggled in.</summary>
    public string? TryGetWav(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower)) return null;
        var path = WavPathOf(hash);
        return File.Exists(path) ? path : null;
    }

    public Task<CachedPrompt> GetAsync(string? engine, string? voice, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.Length > _options.MaxTextLength) text = Truncate(text, _options.MaxTextLength);
        var engineName = string.IsNullOrEmpty(engine) ? _options.DefaultEngine : engine;
        if (!_engines.TryGetValue(engineName, out var tts)) throw new InvalidOperationException($"TTS engine '{engineName}' is not configured.");
        var voiceName = string.IsNullOrEmpty(voice) ? tts.DefaultVoice : voice;
        var hash = HashOf(engineName, voiceName, text);
        var path = WavPathOf(hash);
        if (File.Exists(path) && PromptCacheEviction.MarkUsed(path)) return Task.FromResult(new CachedPrompt(hash, path));

        var lazy = _inFlight.GetOrAdd(hash, _ => new Lazy<Task<CachedPrompt>>(() => SynthesizeAsync(tts, voiceName, text, hash)));
        // The synthesis runs on the cache's lifetime, not on this caller's token: a caller who hangs up must not
        // cancel a prompt that other calls are waiting for.
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<CachedPrompt> SynthesizeAsync(ITextToSpeech tts, string voice, string text, string hash)
    {
        var raw = Path.Combine(_options.Directory, $"{hash}.{Guid.NewGuid():N}.raw.wav");
        var converted = Path.Combine(_options.Directory, $"{hash}.{Guid.NewGuid():N}.tmp.wav");
        var final = WavPathOf(hash);
        try
        {
            // Another caller may have finished this prompt between our File.Exists and GetOrAdd.
            if (File.Exists(final)) return new CachedPrompt(hash, final);
            // Created on first use, so a host whose cache directory is not writable yet still starts.
            System.IO.Directory.CreateDirectory(_options.Directory);
            Interlocked.Increment(ref _synthesisCount);
            await tts.SynthesizeAsync(text, voice, raw, _lifetime.Token).ConfigureAwait(false);
            if (WavFormat.IsTelephonyPcm(raw))
            {
                File.Move(raw, converted);
            }
            else
            {
                await ProcessRunner.RunAsync(_options.SoxExecutable,
                    [raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", converted],
                    FliteTextToSpeech.Timeout, _lifetime.Token).ConfigureAwait(false);
            }
            // Rename last: a reader sees either no file or a complete one.
            File.Move(converted, final, overwrite: true);
            IvrLog.Synthesized(_logger, hash, tts.Engine, voice, text.Length);
            var evicted = PromptCacheEviction.Trim(_options.Directory, _options.MaxEntries, _options.MaxBytes, keep: final);
            if (evicted > 0) IvrLog.PromptsEvicted(_logger, evicted);
            return new CachedPrompt(hash, final);
        }
        finally
        {
            TryDelete(raw);
            TryDelete(converted);
            _inFlight.TryRemove(hash, out _);
        }
    }

    /// <summary>Cut at <paramref name="max"/> characters, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int max)
    {
        var length = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..Math.Max(0, length)];
    }

    private string WavPathOf(string hash) => Path.Combine(_options.Directory, hash + ".wav");

    private void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException exception)
        {
            IvrLog.TempNotDeleted(_logger, exception, path);
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}

namespace BotPbx.Ivr.Prompts;

/// <summary>What a caller hears: <c>kind</c> "tts" (text, engine, voice) or "recording" (an uploaded recording's id).</summary>
public sealed record IvrPrompt(string Kind, string? Text = null, string? Engine = null, string? Voice = null, string? RecordingId = null)
{
    public const string Tts = "tts";
    public const string Recording = "recording";
}

/// <summary>Turns a prompt into a file Asterisk can play (path without extension).</summary>
public interface IPromptLibrary
{
    Task<string> GetPlaybackFileAsync(IvrPrompt prompt, Runtime.IvrVariables variables, CancellationToken cancellationToken);
}

/// <summary>Uploaded recordings; the host implements it over the recordings table.</summary>
public interface IIvrRecordings
{
    /// <summary>The recording's sound file without extension, or null when there is no such recording.</summary>
    Task<string?> GetPlaybackFileAsync(string recordingId, CancellationToken cancellationToken);
}

/// <summary>A text-to-speech engine. Writes a WAV file of any rate; the cache converts it to what Asterisk plays.</summary>
public interface ITextToSpeech
{
    /// <summary>The engine's name as flows write it, e.g. "flite".</summary>
    string Engine { get; }

    string DefaultVoice { get; }

    Task SynthesizeAsync(string text, string voice, string outputWavPath, CancellationToken cancellationToken);
}

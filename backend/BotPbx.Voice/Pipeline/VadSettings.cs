namespace BotPbx.Voice.Pipeline;

/// <summary>
/// The thresholds of the energy-based voice activity and end-of-turn detector, per 20 ms frame. Chosen on phone audio
/// (G.711 through Asterisk): speech is RMS 1000–6000, a quiet line or comfort noise under 100, breathing and line
/// hiss 100–300. See docs/ai-agents.md, "Turn-taking".
/// </summary>
public sealed record VadSettings
{
    /// <summary>A frame louder than this RMS (of 32767) is voiced: about −38 dBFS.</summary>
    public double SpeechRms { get; init; } = 400;

    /// <summary>Voiced audio for this long starts the caller's turn (short clicks and pops do not).</summary>
    public TimeSpan SpeechOnset { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// While the agent is speaking, voiced audio for this long is a barge-in: playback stops. Longer than
    /// <see cref="SpeechOnset"/> so a cough does not cut the agent off, short enough that playback stops within 200 ms
    /// of the caller starting to talk (onset + one frame + the flush).
    /// </summary>
    public TimeSpan BargeInOnset { get; init; } = TimeSpan.FromMilliseconds(120);

    /// <summary>Silence this long after speech ends the caller's turn (the hangover).</summary>
    public TimeSpan EndOfTurnSilence { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Audio kept from before the onset and given to speech-to-text, so the first syllable is not cut.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A turn with less voiced audio than this is noise, not speech: it is dropped.</summary>
    public TimeSpan MinimumSpeech { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A turn this long is ended even if the caller keeps talking (a noisy line must not block the agent forever).</summary>
    public TimeSpan MaximumTurn { get; init; } = TimeSpan.FromSeconds(30);
}

using BotPbx.Voice.Audio;

namespace BotPbx.Voice.Pipeline;

/// <summary>What one frame changed: nothing, the caller started talking, or the caller's turn ended.</summary>
public enum VadEvent
{
    None,

    /// <summary>Voiced audio for the onset time: a turn began (the frames since the first voiced one belong to it).</summary>
    SpeechStarted,

    /// <summary>Silence for the hangover after enough speech: the turn is over.</summary>
    TurnEnded,

    /// <summary>A turn that turned out to be too short to be speech: dropped.</summary>
    TurnDropped,
}

/// <summary>
/// Energy-based voice activity and end-of-turn detection over 20 ms frames (<see cref="VadSettings"/>): a turn starts
/// after <c>onset</c> of consecutive voiced frames and ends after <c>hangover</c> of unvoiced ones. Pure: no clock, the
/// frame count is the time. The onset is chosen per frame so the pipeline can demand more evidence while the agent
/// is talking (barge-in).
/// </summary>
public sealed class VoiceActivityDetector(VadSettings settings, TimeSpan frameDuration)
{
    private readonly int _endFrames = Frames(settings.EndOfTurnSilence, frameDuration);
    private readonly int _minimumFrames = Frames(settings.MinimumSpeech, frameDuration);
    private readonly int _maximumFrames = Frames(settings.MaximumTurn, frameDuration);
    private readonly int _onsetFrames = Frames(settings.SpeechOnset, frameDuration);
    private readonly int _bargeInFrames = Frames(settings.BargeInOnset, frameDuration);
    private int _voicedRun;
    private int _silentRun;
    private int _voicedInTurn;
    private int _turnFrames;

    public bool InTurn { get; private set; }

    /// <summary>How many frames the current onset took: the pipeline sends them (and the pre-roll) to speech-to-text.</summary>
    public int OnsetFrames => _voicedRun;

    /// <summary>The last frame's RMS, for diagnostics.</summary>
    public double LastRms { get; private set; }

    /// <param name="pcm">One frame of 16-bit mono samples.</param>
    /// <param name="agentSpeaking">Whether the agent's audio is playing: then the barge-in onset applies.</param>
    public VadEvent Process(ReadOnlySpan<byte> pcm, bool agentSpeaking)
    {
        LastRms = Pcm16.Rms(pcm);
        var voiced = LastRms >= settings.SpeechRms;
        if (!InTurn)
        {
            _voicedRun = voiced ? _voicedRun + 1 : 0;
            if (_voicedRun < (agentSpeaking ? _bargeInFrames : _onsetFrames)) return VadEvent.None;
            InTurn = true;
            _voicedInTurn = _voicedRun;
            _turnFrames = _voicedRun;
            _silentRun = 0;
            return VadEvent.SpeechStarted;
        }

        _turnFrames++;
        if (voiced)
        {
            _voicedInTurn++;
            _silentRun = 0;
        }
        else
        {
            _silentRun++;
        }
        if (_silentRun < _endFrames && _turnFrames < _maximumFrames) return VadEvent.None;
        var enough = _voicedInTurn >= _minimumFrames;
        InTurn = false;
        _voicedRun = 0;
        _silentRun = 0;
        return enough ? VadEvent.TurnEnded : VadEvent.TurnDropped;
    }

    /// <summary>Forgets a turn in progress (after the call's state changed under it).</summary>
    public void Reset()
    {
        InTurn = false;
        _voicedRun = 0;
        _silentRun = 0;
    }

    private static int Frames(TimeSpan duration, TimeSpan frame) => Math.Max(1, (int)Math.Ceiling(duration / frame));
}

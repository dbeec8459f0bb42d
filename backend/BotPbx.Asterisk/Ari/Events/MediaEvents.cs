namespace BotPbx.Asterisk.Ari;

public sealed class PlaybackStartedEvent : AriPlaybackEvent;

/// <summary>The next media of a multi-media playback started.</summary>
public sealed class PlaybackContinuingEvent : AriPlaybackEvent;

/// <summary><see cref="Playback.State"/> is <c>done</c> or <c>failed</c>.</summary>
public sealed class PlaybackFinishedEvent : AriPlaybackEvent;

public sealed class RecordingStartedEvent : AriRecordingEvent;

public sealed class RecordingFinishedEvent : AriRecordingEvent;

public sealed class RecordingFailedEvent : AriRecordingEvent;

namespace BotPbx.Voice.Pipeline;

/// <summary>What the conversation loop reacts to; produced by the listener (audio in), the transcriber and the responder.</summary>
internal abstract record PipelineEvent;

/// <summary>The caller started talking (after the onset).</summary>
internal sealed record SpeechStarted(DateTimeOffset At) : PipelineEvent;

/// <summary>The caller's turn was noise, or transcribed to nothing.</summary>
internal sealed record TurnDiscarded : PipelineEvent;

/// <summary>The caller's turn, transcribed.</summary>
internal sealed record CallerUtterance(string Text, DateTimeOffset EndOfSpeech, DateTimeOffset SttFinal) : PipelineEvent;

internal sealed record DtmfPressed(char Digit, DateTimeOffset At) : PipelineEvent;

/// <summary>An answer (or a scripted line) finished: fully heard, interrupted, or it ended the call.</summary>
internal sealed record ResponseFinished(ResponseResult Result, object Source) : PipelineEvent;

/// <summary>A part of the pipeline failed; the call ends with "error".</summary>
internal sealed record PipelineFailed(Exception Error) : PipelineEvent;

using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr;

/// <summary>Every log line of the IVR engine, as source-generated LoggerMessage methods.</summary>
internal static partial class IvrLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "{CallId}:{Step}:{Type} node {NodeId}")]
    public static partial void Step(ILogger logger, string callId, int step, string type, string nodeId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{CallId}: IVR {IvrId} v{Version} ended {Outcome} after {Steps} steps")]
    public static partial void RunEnded(ILogger logger, string callId, string ivrId, int version, Tracing.IvrRunOutcome outcome, int steps);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{CallId}: IVR {IvrId} has no published version")]
    public static partial void NotPublished(ILogger logger, string callId, string ivrId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{CallId}: IVR {IvrId} v{Version} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string callId, string ivrId, int version);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{CallId}: loop guard stopped IVR {IvrId} after {Steps} steps")]
    public static partial void LoopGuard(ILogger logger, string callId, string ivrId, int steps);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "{CallId}: a command failed after the caller hung up")]
    public static partial void FailedAfterHangup(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "{CallId}: the fallback could not be played")]
    public static partial void FallbackFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "{CallId}: the IVR trace could not be saved")]
    public static partial void TraceNotSaved(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Synthesized prompt {Hash} with {Engine}/{Voice} ({Length} characters)")]
    public static partial void Synthesized(ILogger logger, string hash, string engine, string voice, int length);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Could not delete temporary prompt file {Path}")]
    public static partial void TempNotDeleted(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Prompt cache full: removed the {Count} least recently used prompts")]
    public static partial void PromptsEvicted(ILogger logger, int count);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "FastAGI request for '{Script}' is not an IVR path; the call gets the fallback")]
    public static partial void UnknownScript(ILogger logger, string script);
}

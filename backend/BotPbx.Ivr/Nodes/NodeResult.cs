namespace BotPbx.Ivr.Nodes;

/// <summary>What an executor decided: follow an output handle, end the flow, or continue in another IVR.</summary>
public sealed record NodeResult
{
    private NodeResult() { }

    /// <summary>The output handle to follow (e.g. <c>next</c>, <c>digit-1</c>); null when the flow ends here.</summary>
    public string? Handle { get; private init; }

    /// <summary>True when the call was handed to the dialplan (transfer, voicemail, AI agent): the interpreter must not hang up.</summary>
    public bool HandedOff { get; private init; }

    /// <summary>Set by goToIvr: the IVR whose published flow continues the call.</summary>
    public string? NextIvrId { get; private init; }

    /// <summary>Shown in the trace: the branch taken, the transfer target, the HTTP status…</summary>
    public string? Detail { get; private init; }

    public static NodeResult Next(string handle, string? detail = null) => new() { Handle = handle, Detail = detail };

    public static NodeResult HandOff(string detail) => new() { HandedOff = true, Detail = detail };

    public static NodeResult HungUp(string detail) => new() { Detail = detail };

    public static NodeResult GoToIvr(string ivrId) => new() { NextIvrId = ivrId, Detail = $"ivr {ivrId}" };
}

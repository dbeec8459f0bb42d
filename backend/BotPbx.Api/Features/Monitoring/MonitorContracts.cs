namespace BotPbx.Api.Features.Monitoring;

/// <summary>
/// POST /api/calls/monitor. <c>channel</c>: the agent's channel as Asterisk names it (from the live calls list);
/// <c>mode</c>: listen, whisper or barge; <c>device</c>: "browser" (the supervisor's browser phone) or "phone" (their
/// extension's desk phone); when left out, the browser phone if they have one.
/// </summary>
public sealed record MonitorRequest(string? Channel, string? Mode, string? Device);

public sealed record MonitorModeRequest(string? Mode);

public sealed record MonitorSessionResponse(string Id, string Target, string Extension, string SpyChannel, string Device, string Mode,
    DateTimeOffset StartedAt)
{
    public static MonitorSessionResponse From(MonitorSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Target, s.TargetExtension, s.SpyChannel, s.Device, s.Mode, s.StartedAt);
    }
}

public sealed record LiveChannelsResponse(IReadOnlyList<LiveChannel> Items);

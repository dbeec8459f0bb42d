using System.Collections.Concurrent;

namespace BotPbx.Api.Features.Monitoring;

/// <summary>A supervisor's running ChanSpy call: their phone's channel (<see cref="SpyChannel"/>) spying on <see cref="Target"/>.</summary>
public sealed record MonitorSession(string Id, long SupervisorId, string Target, string TargetExtension, string SpyChannel, string Device,
    string Mode, DateTimeOffset StartedAt);

/// <summary>
/// The sessions started since this process started, by id (the spy channel's Uniqueid, set by the Originate). Kept in
/// memory: a session is one phone call, and after a restart the supervisor's phone still switches modes with 4/5/6.
/// </summary>
public sealed class MonitorSessions
{
    private readonly ConcurrentDictionary<string, MonitorSession> _sessions = new(StringComparer.Ordinal);

    public void Add(MonitorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _sessions[session.Id] = session;
        // Ended sessions stay until the list grows; the oldest hundred go then (their channels are long gone).
        if (_sessions.Count > 500)
        {
            foreach (var old in _sessions.Values.OrderBy(s => s.StartedAt).Take(100)) _sessions.TryRemove(old.Id, out _);
        }
    }

    public MonitorSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public void Update(MonitorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _sessions[session.Id] = session;
    }
}

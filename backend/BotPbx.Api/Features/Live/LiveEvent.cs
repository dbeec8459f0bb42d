using System.Text.Json;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// One event of seed 003's WebSocket feed: <c>{"event": "call.new", "data": {…}}</c> with snake_case fields.
/// <see cref="Topics"/> are what <c>subscribe</c> patterns match: the event name itself plus narrower names such as
/// <c>extension.1001.status</c>, <c>extension.1001.call.new</c>, <c>queue.sales.update</c>.
/// </summary>
public sealed class LiveEvent
{
    private byte[]? _json;

    public LiveEvent(string name, object data, LiveAudience audience, params IEnumerable<string> topics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(data);
        Name = name;
        Data = data;
        Audience = audience ?? throw new ArgumentNullException(nameof(audience));
        Topics = [name, .. topics];
    }

    public string Name { get; }

    public object Data { get; }

    public LiveAudience Audience { get; }

    public IReadOnlyList<string> Topics { get; }

    /// <summary>Serialised once, whatever the number of clients.</summary>
    public byte[] Json => _json ??= JsonSerializer.SerializeToUtf8Bytes(new Envelope(Name, Data), LiveJson.Options);

    private sealed record Envelope(string Event, object Data);
}

/// <summary>
/// Who may see an event. Admins and supervisors see everything. An agent sees what concerns one of the extensions
/// that belong to its user (calls they are on, queues they are members of) and, when <see cref="Everyone"/>, what
/// every signed-in user may see (the presence of every extension, as a phone's busy-lamp field shows it).
/// </summary>
public sealed record LiveAudience(bool Everyone, IReadOnlyCollection<string> Extensions)
{
    public static LiveAudience AllUsers { get; } = new(true, []);

    public static LiveAudience StaffOnly { get; } = new(false, []);

    public static LiveAudience StaffAnd(IReadOnlyCollection<string> extensions) => new(false, extensions);

    public bool Allows(LiveViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.IsStaff || Everyone) return true;
        foreach (var extension in Extensions) if (viewer.Extensions.Contains(extension)) return true;
        return false;
    }
}

/// <summary>A signed-in user watching the live feed: staff (admin, supervisor) or an agent with its extensions.</summary>
public sealed record LiveViewer(long UserId, string Role, IReadOnlySet<string> Extensions)
{
    public bool IsStaff => Role is Auth.Roles.Admin or Auth.Roles.Supervisor;
}

public static class LiveJson
{
    /// <summary>Seed 003's field names are snake_case (call_id, answered_by, calls_waiting).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

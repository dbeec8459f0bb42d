using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Live;

namespace BotPbx.Telephony.Tests.Live;

/// <summary>A live model with the recordings' phones (1001, 1002, 1003) in its directory, and the changes it reported.</summary>
internal sealed class LiveModelReplay
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 5, 43, 0, TimeSpan.Zero);

    public LiveModelReplay(bool withDirectory = true)
    {
        if (withDirectory)
        {
            Model.SetDirectory(new LiveDirectory(
                new Dictionary<string, LiveDirectoryExtension>
                {
                    ["1001"] = new("1001", "Test 1001", false, null),
                    ["1002"] = new("1002", "Test 1002", false, null),
                    ["1003"] = new("1003", "Test 1003", false, null),
                },
                new Dictionary<string, string> { ["support"] = "Support" },
                new HashSet<string> { "botpbx-trunk-1" }), T0);
        }
    }

    public LiveModel Model { get; } = new();

    public List<LiveChange> Changes { get; } = [];

    public DateTimeOffset Now { get; private set; } = T0;

    /// <summary>Applies each event one second after the previous one.</summary>
    public LiveModelReplay Play(IEnumerable<AmiEvent> events)
    {
        foreach (var e in events)
        {
            Now = Now.AddSeconds(1);
            Changes.AddRange(Model.Apply(e, Now));
        }
        return this;
    }

    public LiveModelReplay Play(params string[] events) => Play(events.Select(RecordedAmi.Event));

    public IReadOnlyList<LiveChange> Resync(LiveResyncInput input)
    {
        Now = Now.AddSeconds(1);
        var changes = Model.Resync(input, Now);
        Changes.AddRange(changes);
        return changes;
    }

    public IEnumerable<T> Of<T>() where T : LiveChange => Changes.OfType<T>();
}

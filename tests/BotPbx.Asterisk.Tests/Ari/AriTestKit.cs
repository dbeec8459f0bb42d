using System.Threading.Channels;
using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>Shared helpers: the recorded captures (copied from /work/shared/fixtures/asterisk-22 into
/// Ari/Fixtures), options pointing at a fake peer, and a guard token so no test can hang.</summary>
internal static class AriTestKit
{
    /// <summary>The credentials of the captures: <c>Basic Y2VvYXJpOmNlb2FyaS1zZWNyZXQ=</c>.</summary>
    public const string Username = "ceoari";
    public const string Password = "ceoari-secret";
    public const string RecordedAuthorization = "Basic Y2VvYXJpOmNlb2FyaS1zZWNyZXQ=";

    public static FakeAriFixture Fixture(string name) => FakeAriFixture.Load(Path.Combine(FixtureDirectory, name + ".jsonl"));

    public static AriOptions Options(FakeAriServer server, string application = "test") => new()
    {
        BaseUrl = server.BaseUrl,
        Username = Username,
        Password = Password,
        Application = application,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A safety net against hangs, not a timing assertion: generous on a shared 2-core machine.</summary>
    public static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public static async Task<List<AriEvent>> ReadAsync(AriEventListener listener, int count, CancellationToken cancellationToken)
    {
        var events = new List<AriEvent>();
        while (events.Count < count)
            events.Add(await listener.Reader.ReadAsync(cancellationToken));
        return events;
    }

    private static string FixtureDirectory { get; } = FindFixtures();

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "BotPbx.Asterisk.Tests", "Ari", "Fixtures");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/BotPbx.Asterisk.Tests/Ari/Fixtures not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Records every state change of a listener so tests can wait for one without polling.</summary>
internal sealed class AriStateRecorder
{
    private readonly Channel<AriConnectionStateChangedEventArgs> changes = System.Threading.Channels.Channel.CreateUnbounded<AriConnectionStateChangedEventArgs>();
    private readonly List<AriConnectionStateChangedEventArgs> seen = [];

    public AriStateRecorder(AriEventListener listener) =>
        listener.StateChanged += (_, e) =>
        {
            lock (seen)
                seen.Add(e);
            changes.Writer.TryWrite(e);
        };

    /// <summary>Every change so far, in order.</summary>
    public IReadOnlyList<AriConnectionStateChangedEventArgs> Seen
    {
        get { lock (seen) return seen.ToArray(); }
    }

    /// <summary>Waits for the next change into <paramref name="state"/> and returns it.</summary>
    public async Task<AriConnectionStateChangedEventArgs> WaitForAsync(AriConnectionState state, CancellationToken cancellationToken)
    {
        while (true)
        {
            var change = await changes.Reader.ReadAsync(cancellationToken);
            if (change.Current == state)
                return change;
        }
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Live;

namespace BotPbx.Bench;

/// <summary>
/// The live model (issue 10): AMI events per second through <see cref="LiveModel"/> with 1,000 calls up at once, from a
/// replayed stream shaped like the recorded Asterisk 22 call (fixture ami-events-call-1001-to-1002: Newchannel,
/// Newexten, DialBegin, Newstate, ExtensionStatus, DialEnd, BridgeEnter, …, Hangup, with every channel block field),
/// and the memory one live call holds. The event → /ws client delay is measured by the API's integration suite
/// (LiveDelayBenchmark), where a real API process and a scripted AMI peer run on loopback.
/// </summary>
public sealed class LiveBenchmark : IBenchmark
{
    private const int Concurrent = 1000;
    private const int Extensions = 500;

    public string Name => "live";

    public string Description => "live model: AMI events/s at 1,000 concurrent calls (replayed), memory per live call";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var directory = Directory();
        // Rounds of 1,000 calls: all ring and answer (1,000 up at once), then all hang up; ids differ per round.
        const int rounds = 6;
        var streams = Enumerable.Range(0, rounds).Select(Stream).ToList();
        var perRound = streams[0].Count;

        // Warm-up on a throw-away model.
        Replay(NewModel(directory), streams[0], out _);

        var model = NewModel(directory);
        long events = 0, changes = 0;
        var peak = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var r = 1; r < rounds; r++)
        {
            changes += Replay(model, streams[r], out var up);
            peak = Math.Max(peak, up);
            events += streams[r].Count;
        }
        stopwatch.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model (wall clock, shared machine): {events:N0} events ({perRound:N0} per round of {Concurrent:N0} calls, peak {peak:N0} calls up at once) in {stopwatch.Elapsed.TotalMilliseconds:F0} ms " +
            $"= {events / stopwatch.Elapsed.TotalSeconds:N0} events/s, {changes:N0} changes; process CPU {cpuUsed.TotalMilliseconds:F0} ms " +
            $"= {events / cpuUsed.TotalSeconds:N0} events per CPU-second"));

        MeasureMemory(output, directory);
        return Task.CompletedTask;
    }

    private static LiveModel NewModel(LiveDirectory directory)
    {
        var model = new LiveModel();
        model.SetDirectory(directory, DateTimeOffset.UtcNow);
        return model;
    }

    /// <summary>Applies a round; returns the changes reported and, in <paramref name="peak"/>, the most calls up at once.</summary>
    private static long Replay(LiveModel model, List<AmiEvent> stream, out int peak)
    {
        long changes = 0;
        peak = 0;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < stream.Count; i++)
        {
            changes += model.Apply(stream[i], now).Count;
            if ((i & 1023) == 0) peak = Math.Max(peak, model.CallCount);
        }
        peak = Math.Max(peak, model.CallCount);
        return changes;
    }

    private static void MeasureMemory(TextWriter output, LiveDirectory directory)
    {
        var model = NewModel(directory);
        Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        // The stream is dropped before measuring: values an event decoded and cached for the model stay only if the model keeps them.
        ApplyUntilHangups(model, directory);
        Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {model.CallCount:N0} live calls ({model.ChannelCount:N0} channels) hold {(after - before) / 1024.0 / 1024.0:F2} MB = " +
            $"{(after - before) / (double)model.CallCount / 1024.0:F1} KB per call (model state only; AMI events are not kept)"));
        GC.KeepAlive(model);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ApplyUntilHangups(LiveModel model, LiveDirectory directory)
    {
        _ = directory;
        var stream = Stream(100);
        var hangups = stream.FindIndex(e => e.Is("BridgeLeave"));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < hangups; i++) model.Apply(stream[i], now);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static LiveDirectory Directory() => new(
        Enumerable.Range(0, Extensions).Select(i => (2000 + i).ToString(CultureInfo.InvariantCulture))
            .ToDictionary(n => n, n => new LiveDirectoryExtension(n, "Desk " + n, false, null)),
        new Dictionary<string, string>(), new HashSet<string> { "botpbx-trunk-1" });

    /// <summary>One round: <see cref="Concurrent"/> calls ring and answer, then all hang up, as Asterisk 22 words it.</summary>
    private static List<AmiEvent> Stream(int round)
    {
        var text = new StringBuilder();
        var calls = Enumerable.Range(0, Concurrent).Select(i =>
        {
            var a = (2000 + (2 * i % Extensions)).ToString(CultureInfo.InvariantCulture);
            var b = (2000 + ((2 * i + 1) % Extensions)).ToString(CultureInfo.InvariantCulture);
            var id = string.Create(CultureInfo.InvariantCulture, $"17952{round:D2}{i:D4}");
            return (A: a, B: b, Caller: id + ".1", Callee: id + ".2", ChanA: $"PJSIP/{a}-{round:x2}{i:x6}", ChanB: $"PJSIP/{b}-{round:x2}{i + 0x800000:x6}");
        }).ToList();
        foreach (var c in calls)
        {
            Channel(text, "Newchannel", c.ChanA, "4", "Ring", c.A, c.B, c.Caller, c.Caller);
            Channel(text, "Newexten", c.ChanA, "4", "Ring", c.A, c.B, c.Caller, c.Caller, "Application: Dial\r\nAppData: PJSIP/" + c.B + ",30\r\n");
            Channel(text, "Newchannel", c.ChanB, "0", "Down", c.B, "s", c.Callee, c.Caller);
            Channel(text, "DialBegin", c.ChanA, "4", "Ring", c.A, c.B, c.Caller, c.Caller, Dest(c.ChanB, "0", "Down", c.B, c.Callee, c.Caller) + "DialString: " + c.B + "\r\n");
            Channel(text, "Newstate", c.ChanB, "5", "Ringing", c.B, "s", c.Callee, c.Caller);
            Hint(text, c.B, 8, "Ringing");
        }
        foreach (var c in calls)
        {
            Channel(text, "Newstate", c.ChanB, "6", "Up", c.B, "s", c.Callee, c.Caller);
            Channel(text, "DialEnd", c.ChanA, "4", "Ring", c.A, c.B, c.Caller, c.Caller, Dest(c.ChanB, "6", "Up", c.B, c.Callee, c.Caller) + "DialStatus: ANSWER\r\n");
            Channel(text, "Newstate", c.ChanA, "6", "Up", c.A, c.B, c.Caller, c.Caller);
            Hint(text, c.B, 1, "InUse");
            Channel(text, "BridgeEnter", c.ChanB, "6", "Up", c.B, "s", c.Callee, c.Caller, Bridge(c.Caller, 1));
            Channel(text, "BridgeEnter", c.ChanA, "6", "Up", c.A, c.B, c.Caller, c.Caller, Bridge(c.Caller, 2));
        }
        foreach (var c in calls)
        {
            Channel(text, "BridgeLeave", c.ChanA, "6", "Up", c.A, c.B, c.Caller, c.Caller, Bridge(c.Caller, 1));
            Channel(text, "BridgeLeave", c.ChanB, "6", "Up", c.B, "s", c.Callee, c.Caller, Bridge(c.Caller, 0));
            Channel(text, "Hangup", c.ChanA, "6", "Up", c.A, c.B, c.Caller, c.Caller, "Cause: 16\r\nCause-txt: Normal Clearing\r\n");
            Channel(text, "Hangup", c.ChanB, "6", "Up", c.B, "s", c.Callee, c.Caller, "Cause: 16\r\nCause-txt: Normal Clearing\r\n");
            Hint(text, c.B, 0, "Idle");
        }
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        var events = new List<AmiEvent>();
        while (AmiMessageParser.TryParse(ref buffer, 1 << 20, out var message)) events.Add((AmiEvent)message);
        return events;
    }

    private static void Channel(StringBuilder text, string name, string channel, string state, string stateDesc, string caller, string exten,
        string uniqueid, string linkedid, string extra = "") =>
        text.Append(CultureInfo.InvariantCulture,
            $"Event: {name}\r\nPrivilege: call,all\r\nChannel: {channel}\r\nChannelState: {state}\r\nChannelStateDesc: {stateDesc}\r\n" +
            $"CallerIDNum: {caller}\r\nCallerIDName: Desk {caller}\r\nConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\n" +
            $"AccountCode: \r\nContext: botpbx-internal\r\nExten: {exten}\r\nPriority: 1\r\nUniqueid: {uniqueid}\r\nLinkedid: {linkedid}\r\n{extra}\r\n");

    private static string Dest(string channel, string state, string stateDesc, string number, string uniqueid, string linkedid) =>
        $"DestChannel: {channel}\r\nDestChannelState: {state}\r\nDestChannelStateDesc: {stateDesc}\r\nDestCallerIDNum: {number}\r\n" +
        $"DestCallerIDName: Desk {number}\r\nDestConnectedLineNum: <unknown>\r\nDestConnectedLineName: <unknown>\r\nDestLanguage: en\r\n" +
        $"DestAccountCode: \r\nDestContext: botpbx-device\r\nDestExten: {number}\r\nDestPriority: 1\r\nDestUniqueid: {uniqueid}\r\nDestLinkedid: {linkedid}\r\n";

    private static string Bridge(string id, int members) =>
        $"BridgeUniqueid: b-{id}\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\nBridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: {members}\r\n";

    private static void Hint(StringBuilder text, string exten, int status, string statusText) =>
        text.Append(CultureInfo.InvariantCulture,
            $"Event: ExtensionStatus\r\nPrivilege: call,all\r\nExten: {exten}\r\nContext: botpbx-extensions\r\nHint: PJSIP/{exten}\r\nStatus: {status}\r\nStatusText: {statusText}\r\n\r\n");
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Bench;

/// <summary>
/// For instruction counts (issue 13): parses the kit's AMI event cycle (every <c>Event:</c> of the two recorded calls
/// that <c>peerbench ami-server</c> replays, 191 events / 79,227 bytes) N times with <see cref="AmiMessageParser"/>,
/// reading each event's name as the kit's subscriber does. No sockets and no clock, so under
/// <c>valgrind --tool=callgrind</c> two runs with different N give the instructions per event as
/// (Ir(N2) − Ir(N1)) / (N2 − N1), start-up cancelled out, however loaded the machine is.
/// <c>BotPbx.Bench kit-ami-parse --events N</c>; the fixtures folder comes from <c>PEERBENCH_FIXTURES</c>.
/// </summary>
internal static class KitAmiParseCount
{
    private const int MaxMessageSize = 1024 * 1024;

    public static Task<int> RunAsync(KitArguments arguments, CancellationToken stop)
    {
        var wanted = arguments.Int("events", 100_000);
        var fixtures = Environment.GetEnvironmentVariable("PEERBENCH_FIXTURES") ?? "../shared/fixtures/asterisk-22";
        var cycle = LoadCycle(fixtures);
        // Thirteen cycles back to back (~1 MB, like one of the generator's writes), parsed over and over.
        var buffer = new byte[cycle.Length * 13];
        for (var i = 0; i < 13; i++) cycle.CopyTo(buffer, i * cycle.Length);
        long parsed = 0, nameChars = 0;
        while (parsed < wanted && !stop.IsCancellationRequested)
        {
            var sequence = new ReadOnlySequence<byte>(buffer);
            while (parsed < wanted && AmiMessageParser.TryParse(ref sequence, MaxMessageSize, out var message))
            {
                parsed++;
                nameChars += ((AmiEvent)message).Name.Length;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT parse cycle_bytes={cycle.Length} events={parsed} name_chars={nameChars}"));
        return Task.FromResult(0);
    }

    private static byte[] LoadCycle(string fixtures)
    {
        using var events = new MemoryStream();
        foreach (var name in new[] { "ami-events-call-1001-to-1002", "ami-events-queue-605-answered-by-1002" })
        {
            using var received = new MemoryStream();
            foreach (var line in File.ReadLines(Path.Combine(fixtures, name + ".jsonl")))
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.GetProperty("dir").GetString() != "from_asterisk") continue;
                received.Write(Convert.FromBase64String(json.RootElement.GetProperty("b64").GetString()!));
            }
            var sequence = new ReadOnlySequence<byte>(received.ToArray());
            if (!AmiMessageParser.TryParseBanner(ref sequence, out _)) throw new InvalidDataException($"{name}: no AMI banner");
            while (true)
            {
                var before = sequence;
                if (!AmiMessageParser.TryParse(ref sequence, MaxMessageSize, out var message)) break;
                if (message is AmiEvent) events.Write(before.Slice(0, before.Length - sequence.Length).ToArray());
            }
        }
        return events.ToArray();
    }
}

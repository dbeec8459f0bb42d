using System.Buffers;
using System.Text;
using System.Text.Json;
using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport;

namespace BotPbx.Telephony.Tests.Live;

/// <summary>
/// Real Asterisk 22 AMI streams (shared/fixtures/asterisk-22, copied into the AMI tests' Fixtures folder) as parsed
/// messages, and hand-written events in the same wire format for what the recordings do not hold.
/// </summary>
internal static class RecordedAmi
{
    public static IReadOnlyList<AmiMessage> Messages(string fixture)
    {
        var bytes = new List<byte>();
        foreach (var line in File.ReadLines(RepositoryFile.Path($"tests/BotPbx.Asterisk.Tests/Ami/Fixtures/{fixture}.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("dir").GetString() != "from_asterisk") continue;
            bytes.AddRange(Convert.FromBase64String(json.RootElement.GetProperty("b64").GetString()!));
        }
        var all = bytes.ToArray();
        var bannerEnd = all.AsSpan().IndexOf("\r\n"u8) + 2;
        return Parse(all[bannerEnd..]);
    }

    /// <summary>The unsolicited events of a recording (list items, which carry an ActionID, left out).</summary>
    public static IReadOnlyList<AmiEvent> Events(string fixture) =>
        [.. Messages(fixture).OfType<AmiEvent>().Where(e => e.ActionId is null)];

    /// <summary>The item events a list action got (by the recorder's ActionID), its Complete event left out.</summary>
    public static IReadOnlyList<AmiEvent> ListItems(string fixture, string actionId) =>
        [.. Messages(fixture).OfType<AmiEvent>().Where(e => e.ActionId == actionId && !e.CompletesEventList)];

    public static AmiEvent Event(string text)
    {
        var wire = string.Join("\r\n", text.Trim().Split('\n').Select(l => l.Trim())) + "\r\n\r\n";
        return (AmiEvent)Assert.Single(Parse(Encoding.UTF8.GetBytes(wire)));
    }

    private static List<AmiMessage> Parse(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var messages = new List<AmiMessage>();
        while (AmiMessageParser.TryParse(ref buffer, 1 << 20, out var message)) messages.Add(message);
        return messages;
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>
/// A recorded Asterisk 22 AMI exchange: the chunks exactly as they arrived. The <c>ami-*.jsonl</c> captures are
/// copied unchanged from shared/fixtures/asterisk-22 into <c>Ami/Fixtures</c> next to this file, found through the
/// source path so no copy step is needed.
/// </summary>
internal sealed class AmiFixture
{
    private AmiFixture(string name, IReadOnlyList<byte[]> fromAsterisk, IReadOnlyList<string> toAsterisk)
    {
        Name = name;
        ToAsterisk = toAsterisk;
        FromAsteriskChunks = fromAsterisk;
        FromAsterisk = fromAsterisk.SelectMany(c => c).ToArray();
    }

    public string Name { get; }

    /// <summary>Each recv() result, in order (close markers left out).</summary>
    public IReadOnlyList<byte[]> FromAsteriskChunks { get; }

    public byte[] FromAsterisk { get; }

    /// <summary>The actions the recorder sent, one whole message per write.</summary>
    public IReadOnlyList<string> ToAsterisk { get; }

    public static string Directory { get; } = Locate();

    public static IEnumerable<string> AmiNames =>
        System.IO.Directory.GetFiles(Directory, "ami-*.jsonl").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static AmiFixture Load(string name)
    {
        var chunks = new List<byte[]>();
        var sent = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Directory, name + ".jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var bytes = Convert.FromBase64String(root.GetProperty("b64").GetString()!);
            if (bytes.Length == 0) continue;
            if (root.GetProperty("dir").GetString() == "from_asterisk") chunks.Add(bytes);
            else sent.Add(Encoding.UTF8.GetString(bytes));
        }
        return new AmiFixture(name, chunks, sent);
    }

    /// <summary>The stream after the banner line.</summary>
    public byte[] MessageBytes
    {
        get
        {
            var bannerEnd = FromAsterisk.AsSpan().IndexOf("\r\n"u8) + 2;
            return FromAsterisk[bannerEnd..];
        }
    }

    /// <summary>All messages of the stream, parsed from one contiguous buffer.</summary>
    public IReadOnlyList<AmiMessage> Messages() => AmiParse.All(MessageBytes);

    /// <summary>
    /// The raw text of every message Asterisk sent with the given ActionID (response, list items, Complete,
    /// OriginateResponse), rewritten to carry <paramref name="newActionId"/>: replays a recorded answer to a live request.
    /// </summary>
    public IEnumerable<string> RepliesFor(string recordedActionId, string newActionId) =>
        Messages()
            .Where(m => m.ActionId == recordedActionId)
            .Select(m => m.ToWireString().Replace($"ActionID: {recordedActionId}\r\n", $"ActionID: {newActionId}\r\n", StringComparison.Ordinal));

    private static string Locate([CallerFilePath] string sourceFile = "") => Path.Combine(Path.GetDirectoryName(sourceFile)!, "Fixtures");
}

internal static class AmiParse
{
    public const int MaxSize = 1024 * 1024;

    public static IReadOnlyList<AmiMessage> All(byte[] bytes)
    {
        var buffer = new System.Buffers.ReadOnlySequence<byte>(bytes);
        var messages = new List<AmiMessage>();
        while (AmiMessageParser.TryParse(ref buffer, MaxSize, out var message)) messages.Add(message);
        Assert.True(buffer.IsEmpty, $"{buffer.Length} bytes left unparsed");
        return messages;
    }

    public static AmiMessage One(string text)
    {
        var messages = All(Encoding.UTF8.GetBytes(text));
        return Assert.Single(messages);
    }
}

using System.Text;
using System.Text.Json;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>One recorded ARI exchange (a <c>ari-*.jsonl</c> capture of /work/shared/fixtures/asterisk-22): every
/// socket read or write, in order, byte for byte.</summary>
public sealed class FakeAriFixture
{
    private FakeAriFixture(string name, IReadOnlyList<FakeAriChunk> chunks)
    {
        Name = name;
        Chunks = chunks;
    }

    public string Name { get; }

    public IReadOnlyList<FakeAriChunk> Chunks { get; }

    public static FakeAriFixture Load(string path)
    {
        var chunks = new List<FakeAriChunk>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var eof = root.TryGetProperty("eof", out var e) && e.GetBoolean();
            chunks.Add(new FakeAriChunk(
                root.GetProperty("t_ms").GetInt64(),
                root.GetProperty("dir").GetString() == "from_asterisk",
                Convert.FromBase64String(root.GetProperty("b64").GetString() ?? ""),
                eof));
        }
        return new FakeAriFixture(Path.GetFileNameWithoutExtension(path), chunks);
    }

    /// <summary>HTTP captures: each run of client writes (one request, maybe head and body apart) paired with the run
    /// of Asterisk reads that answered it.</summary>
    public IReadOnlyList<FakeAriExchange> Exchanges()
    {
        var exchanges = new List<FakeAriExchange>();
        var request = new List<byte>();
        var response = new List<byte>();
        foreach (var chunk in Chunks.Where(c => !c.Eof))
        {
            if (!chunk.FromAsterisk && response.Count > 0)
            {
                exchanges.Add(new FakeAriExchange(request.ToArray(), response.ToArray()));
                request.Clear();
                response.Clear();
            }
            (chunk.FromAsterisk ? response : request).AddRange(chunk.Bytes);
        }
        if (request.Count > 0 && response.Count > 0)
            exchanges.Add(new FakeAriExchange(request.ToArray(), response.ToArray()));
        return exchanges;
    }

    /// <summary>Websocket captures: Asterisk's reads after the 101, up to the client's first frame (the ping):
    /// the events exactly as their TCP reads arrived, several frames per read at times.</summary>
    public IReadOnlyList<byte[]> EventReads()
    {
        var reads = new List<byte[]>();
        var afterUpgrade = false;
        foreach (var chunk in Chunks.Where(c => !c.Eof))
        {
            if (!afterUpgrade)
            {
                afterUpgrade = chunk.FromAsterisk && Encoding.ASCII.GetString(chunk.Bytes).StartsWith("HTTP/1.1 101", StringComparison.Ordinal);
                continue;
            }
            if (!chunk.FromAsterisk)
                break;
            reads.Add(chunk.Bytes);
        }
        return reads;
    }

    /// <summary>The text payloads of the events in <see cref="EventReads"/>, decoded from their frames.</summary>
    public IReadOnlyList<string> EventPayloads()
    {
        var all = EventReads().SelectMany(r => r).ToArray();
        var payloads = new List<string>();
        var offset = 0;
        while (offset < all.Length)
        {
            var frame = FakeAriFrames.Decode(all.AsSpan(offset), out var consumed);
            payloads.Add(Encoding.UTF8.GetString(frame.Payload));
            offset += consumed;
        }
        return payloads;
    }

    /// <summary>All of Asterisk's bytes in the capture, e.g. both 400 answers to an upgrade without app.</summary>
    public byte[] AllFromAsterisk() => Chunks.Where(c => c.FromAsterisk).SelectMany(c => c.Bytes).ToArray();
}

public sealed record FakeAriChunk(long TimeMs, bool FromAsterisk, byte[] Bytes, bool Eof);

public sealed record FakeAriExchange(byte[] Request, byte[] Response)
{
    /// <summary>"GET /ari/channels/x HTTP/1.1" → ("GET", "/ari/channels/x").</summary>
    public (string Method, string Target) RequestLine
    {
        get
        {
            var text = Encoding.ASCII.GetString(Request);
            var parts = text[..text.IndexOf('\r', StringComparison.Ordinal)].Split(' ');
            return (parts[0], parts[1]);
        }
    }

    public string ResponseText => Encoding.UTF8.GetString(Response);
}

using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>Buffered reads over one accepted connection: HTTP heads and bodies, then (after an upgrade) frames.</summary>
internal sealed class FakeAriConnectionReader(Stream stream)
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly byte[] chunk = new byte[16 * 1024];
    private byte[] pending = [];

    /// <summary>The next HTTP request, or null when the client closed the connection between requests.</summary>
    public async Task<FakeAriRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = IndexOfHeadEnd(pending)) < 0)
        {
            if (pending.Length > MaxHeadBytes)
                throw new InvalidDataException("request head too large");
            if (!await FillAsync(cancellationToken))
                return null;
        }
        var head = Encoding.ASCII.GetString(pending, 0, end);
        pending = pending[(end + 4)..];
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = await ReadExactlyAsync(length, cancellationToken);
        return new FakeAriRequest { Method = requestLine[0], Target = requestLine[1], Headers = headers, Body = body, Head = head };
    }

    /// <summary>Exactly <paramref name="count"/> bytes; throws EndOfStreamException when the peer closes first.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        while (pending.Length < count)
        {
            if (!await FillAsync(cancellationToken))
                throw new EndOfStreamException();
        }
        var result = pending[..count];
        pending = pending[count..];
        return result;
    }

    /// <summary>One client websocket frame (masked), unmasked; null at end of stream.</summary>
    public async Task<FakeAriFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            var head = await ReadExactlyAsync(2, cancellationToken);
            var lengthBytes = (head[1] & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 };
            var extra = await ReadExactlyAsync(lengthBytes + ((head[1] & 0x80) != 0 ? 4 : 0), cancellationToken);
            long length = (head[1] & 0x7F) switch
            {
                126 => (extra[0] << 8) | extra[1],
                127 => (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(extra),
                var small => small,
            };
            var payload = await ReadExactlyAsync((int)length, cancellationToken);
            byte[] whole = [.. head, .. extra, .. payload];
            return FakeAriFrames.Decode(whole, out _);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return null;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(chunk, cancellationToken);
        if (read == 0)
            return false;
        pending = [.. pending, .. chunk.AsSpan(0, read)];
        return true;
    }

    private static int IndexOfHeadEnd(byte[] data) => data.AsSpan().IndexOf("\r\n\r\n"u8);
}

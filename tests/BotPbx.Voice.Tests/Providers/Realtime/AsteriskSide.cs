using System.Net;
using System.Net.Sockets;

namespace BotPbx.Voice.Tests.Providers.Realtime;

/// <summary>
/// Asterisk's end of an AudioSocket call, byte for byte (res_audiosocket: kind, 16-bit big-endian length, payload):
/// the UUID frame first, then slin audio both ways.
/// </summary>
internal sealed class AsteriskSide : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private AsteriskSide(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<AsteriskSide> CallAsync(IPEndPoint server, Guid id)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server);
        var side = new AsteriskSide(client);
        await side.SendAsync(0x01, id.ToByteArray(bigEndian: true));
        return side;
    }

    public Task SendAudioAsync(byte[] slin8) => SendAsync(0x10, slin8);

    /// <summary>The next frame from the server: its kind and payload; null when the server closed.</summary>
    public async Task<(byte Kind, byte[] Payload)?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[3];
        if (!await ReadExactlyAsync(header, cancellationToken)) return null;
        var payload = new byte[(header[1] << 8) | header[2]];
        if (!await ReadExactlyAsync(payload, cancellationToken)) return null;
        return (header[0], payload);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task SendAsync(byte kind, byte[] payload)
    {
        byte[] frame = [kind, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        await _stream.WriteAsync(frame);
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace BotPbx.Voice.Tests.Providers.Stt;

/// <summary>The server side of a vendor WebSocket in a test: what the client sent, and a way to answer.</summary>
internal sealed class WebSocketPeer(WebSocket socket)
{
    public WebSocket Socket => socket;

    /// <summary>Every text message the client sent, in order.</summary>
    public Channel<string> Texts { get; } = Channel.CreateUnbounded<string>();

    public List<int> BinarySizes { get; } = [];

    public int BinaryBytes
    {
        get
        {
            lock (BinarySizes) return BinarySizes.Sum();
        }
    }

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads until the client closes (or the socket fails), calling <paramref name="onText"/> for each text message.</summary>
    public async Task RunAsync(Func<string, Task>? onText = null, Func<int, Task>? onBinary = null)
    {
        var buffer = new byte[64 << 10];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    var text = Encoding.UTF8.GetString(message.ToArray());
                    Texts.Writer.TryWrite(text);
                    if (onText is not null) await onText(text);
                }
                else
                {
                    lock (BinarySizes) BinarySizes.Add((int)message.Length);
                    if (onBinary is not null) await onBinary((int)message.Length);
                }
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The client went away without a close: the test checks what it needs.
        }
        finally
        {
            Texts.Writer.TryComplete();
        }
    }
}

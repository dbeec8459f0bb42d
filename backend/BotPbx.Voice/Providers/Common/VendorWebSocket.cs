using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace BotPbx.Voice.Providers;

/// <summary>
/// A ClientWebSocket with the habits every streaming vendor shares: headers (the key) on the upgrade only, a refused
/// upgrade mapped like an HTTP refusal (401 → <see cref="ProviderFailure.Unauthorized"/>), one send at a time (the
/// socket allows a single outstanding send; audio, keep-alives and control messages come from different tasks), and
/// messages reassembled from frames. Closing early by the vendor is reported with its close code and reason.
/// </summary>
internal sealed class VendorWebSocket : IAsyncDisposable
{
    private const int MaxMessage = 8 << 20;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly string _provider;
    private readonly string? _key;

    private VendorWebSocket(ClientWebSocket socket, string provider, string? key)
    {
        _socket = socket;
        _provider = provider;
        _key = key;
    }

    public WebSocketState State => _socket.State;

    public static async Task<VendorWebSocket> ConnectAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> headers, string provider,
        string? key, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        foreach (var (name, value) in headers) socket.Options.SetRequestHeader(name, value);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(15));
            await socket.ConnectAsync(uri, limit.Token).ConfigureAwait(false);
            return new VendorWebSocket(socket, provider, key);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var status = socket.HttpStatusCode;
            var retryAfter = RetryAfter(socket.HttpResponseHeaders);
            socket.Dispose();
            if (status is 0 or HttpStatusCode.SwitchingProtocols)
            {
                throw new ProviderException(provider, ProviderFailure.Unavailable, $"could not open the stream to {uri.GetLeftPart(UriPartial.Authority)}.", e);
            }
            throw VendorHttp.FromStatus(provider, status, null, key, retryAfter);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendTextAsync(string json, CancellationToken cancellationToken) =>
        SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, cancellationToken);

    public Task SendBinaryAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        SendAsync(bytes, WebSocketMessageType.Binary, cancellationToken);

    /// <summary>Text messages in order; ends when the vendor closes normally. Binary messages are skipped.</summary>
    public async IAsyncEnumerable<string> ReceiveTextAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.GetMemory(16 << 10), cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw VendorHttp.Cut(_provider, "stream", e);
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var status = _socket.CloseStatus;
                if (status is WebSocketCloseStatus.NormalClosure or null) yield break;
                throw new ProviderException(_provider, ProviderFailure.Unavailable,
                    $"closed the stream ({(int)status}{Describe(_socket.CloseStatusDescription)}).");
            }
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessage) throw VendorHttp.Malformed(_provider, "message (over 8 MiB)");
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Text) yield return Encoding.UTF8.GetString(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }
    }

    /// <summary>Says goodbye with a normal close; a peer that already went is not an error here.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone already.
        }
    }

    /// <summary>Drops the connection at once (cancellation, or the session disposed without a goodbye).</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await CloseAsync(limit.Token).ConfigureAwait(false);
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, type, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw VendorHttp.Cut(_provider, "stream", e);
        }
        catch (ObjectDisposedException e)
        {
            throw VendorHttp.Cut(_provider, "stream", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private string Describe(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $": {VendorHttp.Redact(reason, _key)}";

    private static TimeSpan? RetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null) return null;
        foreach (var (name, values) in headers)
        {
            if (name.Equals("retry-after", StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return null;
    }
}

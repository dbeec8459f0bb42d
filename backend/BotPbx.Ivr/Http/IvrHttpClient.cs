using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BotPbx.Ivr.Http;

/// <summary>The outcome of an httpRequest node's call. <see cref="Error"/> is set when no usable response came.</summary>
public sealed record IvrHttpResponse(int StatusCode, string Body, string? Error)
{
    public bool IsSuccess => Error is null && StatusCode is >= 200 and < 300;
}

/// <summary>
/// The HTTP client of the httpRequest node, safe against a flow author (or a caller's digits inside a URL) reaching
/// internal services: every connection - the first and each redirect - resolves the host itself, checks every address
/// with <see cref="AddressPolicy"/>, and connects to exactly the addresses it checked (ConnectCallback), so DNS
/// rebinding between check and connect is not possible. No proxy, no automatic decompression, a body size limit,
/// and a timeout per request. Redirects are followed here, not by the handler: the node's own headers (API keys,
/// Authorization) go only to the origin the flow named, never on to another origin a redirect points at.
/// </summary>
public sealed class IvrHttpClient : IDisposable
{
    private readonly IvrHttpOptions _options;
    private readonly AddressPolicy _policy;
    private readonly HttpClient _client;

    public IvrHttpClient(IvrHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _policy = new AddressPolicy(options.AllowedNetworks);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("BotPBX-IVR/1.0");
    }

    public async Task<IvrHttpResponse> SendAsync(string method, string url, IReadOnlyDictionary<string, string> headers, string? body,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new IvrHttpResponse(0, string.Empty, $"'{url}' is not an http(s) URL");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var (current, currentMethod, currentBody) = (uri, method, body);
            for (var redirects = 0; ; redirects++)
            {
                // Same scheme, host and port as the URL the flow named: only then are its headers sent.
                var sameOrigin = Uri.Compare(current, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
                using var request = Build(currentMethod, current, sameOrigin ? headers : NoHeaders, currentBody);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (redirects < _options.MaxRedirects && status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    var next = new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        return new IvrHttpResponse(status, string.Empty, $"redirect to '{next}' is not an http(s) URL");
                    // As browsers do: 307/308 repeat the request; 301/302 turn a POST into a GET, 303 always does.
                    if (status == 303 || (status is 301 or 302 && currentMethod == "POST")) (currentMethod, currentBody) = ("GET", null);
                    current = next;
                    continue;
                }
                if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
                {
                    return new IvrHttpResponse(status, string.Empty, $"response larger than {_options.MaxResponseBytes} bytes");
                }
                var text = await ReadLimitedAsync(response.Content, deadline.Token).ConfigureAwait(false);
                return text is null
                    ? new IvrHttpResponse(status, string.Empty, $"response larger than {_options.MaxResponseBytes} bytes")
                    : new IvrHttpResponse(status, text, null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new IvrHttpResponse(0, string.Empty, $"no response within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new IvrHttpResponse(0, string.Empty, (exception.InnerException as BlockedAddressException ?? exception).Message);
        }
    }

    private static readonly Dictionary<string, string> NoHeaders = [];

    private static HttpRequestMessage Build(string method, Uri uri, IReadOnlyDictionary<string, string> headers, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null && method is not "GET" and not "DELETE") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    private async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[_options.MaxResponseBytes + 1];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
            return length > _options.MaxResponseBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false)).Where(AddressPolicy.IsInet).ToArray();
        _policy.Check(host, addresses);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}

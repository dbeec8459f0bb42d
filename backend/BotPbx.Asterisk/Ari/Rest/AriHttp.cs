using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BotPbx.Asterisk.Ari;

/// <summary>Sends one ARI REST request and turns the answer into a model, nothing, or an exception.
/// Keep-alive is HttpClient's pool (Asterisk keeps the connection open, even after a 401).</summary>
internal sealed class AriHttp : IDisposable
{
    private const int MaxErrorBodyChars = 1024;

    /// <summary>A channel list of a busy system is well under 1 MiB; anything near this is not ARI talking.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;
    private readonly HttpClient http;
    private readonly Uri root;
    private readonly TimeSpan timeout;

    public AriHttp(AriOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            // Asterisk closes an idle keep-alive connection after http.conf session_keep_alive (15 s by default);
            // retiring ours sooner avoids sending a request into a connection Asterisk is closing.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = AriCertificatePolicy.Create(options);
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxResponseBytes };
        http.DefaultRequestHeaders.Authorization = AriAuthorization.Header(options);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        root = AriUris.Root(options.BaseUrl);
        timeout = options.RequestTimeout;
    }

    public async Task<T> SendAsync<T>(HttpMethod method, AriPath path, JsonTypeInfo<T> answer, CancellationToken cancellationToken, HttpContent? body = null)
    {
        var bytes = await SendCoreAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, answer)
                ?? throw new AriTransportException($"ARI {method} {path} answered null.");
        }
        catch (JsonException e)
        {
            throw new AriTransportException($"ARI {method} {path} answered a body that is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    public Task SendAsync(HttpMethod method, AriPath path, CancellationToken cancellationToken, HttpContent? body = null) =>
        SendCoreAsync(method, path, body, cancellationToken);

    public static HttpContent Json<T>(T value, JsonTypeInfo<T> type) =>
        new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };

    private async Task<byte[]> SendCoreAsync(HttpMethod method, AriPath path, HttpContent? body, CancellationToken cancellationToken)
    {
        var relative = path.ToString();
        using var request = new HttpRequestMessage(method, new Uri(root, relative)) { Content = body };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return bytes;
            throw new AriException(response.StatusCode, ErrorMessage(bytes), method.Method, "/" + relative);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline fired, not the caller's token: report a timeout, never a cancellation.
            throw new AriTimeoutException($"ARI {method} /{relative} did not answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            throw new AriTransportException($"ARI {method} /{relative} failed: {e.Message}", e);
        }
    }

    /// <summary>Asterisk errors are <c>{"message":"…"}</c>; other bodies (the upgrade's text/html 400) are kept
    /// as short text so the exception still says something.</summary>
    private static string? ErrorMessage(byte[] body)
    {
        if (body.Length == 0)
            return null;
        try
        {
            if (JsonSerializer.Deserialize(body, AriJsonContext.Default.AriErrorBody)?.Message is { } message)
                return message;
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars];
    }

    public void Dispose() => http.Dispose();
}

/// <summary>The pre-emptive Basic header (ARI accepts it on the first request; a challenge round trip would
/// double every call).</summary>
internal static class AriAuthorization
{
    public static AuthenticationHeaderValue Header(AriOptions options) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password)));
}

internal static class AriUris
{
    /// <summary>The REST root with a trailing slash, so relative paths append instead of replacing "ari".</summary>
    public static Uri Root(Uri baseUrl)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary><c>http→ws</c>, <c>https→wss</c>, + <c>events?app=…&amp;subscribeAll=…</c>.</summary>
    public static Uri Events(AriOptions options)
    {
        var builder = new UriBuilder(new Uri(Root(options.BaseUrl), "events"))
        {
            Scheme = options.BaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "app=" + Uri.EscapeDataString(options.Application)
                + "&subscribeAll=" + (options.SubscribeAll ? "true" : "false"),
        };
        return builder.Uri;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BotPbx.Voice.Providers;

/// <summary>
/// The HTTP habits every REST vendor client shares: send with response headers only (so audio streams as it
/// arrives), turn a refusal into a <see cref="ProviderException"/>, and keep the key out of every message.
/// </summary>
internal static class VendorHttp
{
    private const int MaxQuotedBody = 300;

    /// <summary>Sends and returns the response once its headers arrived; a non-2xx status throws (the response is disposed).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string provider,
        string? apiKey, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException(provider, ProviderFailure.Unavailable, $"could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)} ({e.HttpRequestError}).", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, not the caller: a timeout is never reported as the caller's cancellation.
            throw new ProviderException(provider, ProviderFailure.Unavailable, "timed out waiting for an answer.", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ToExceptionAsync(response, provider, apiKey, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<ProviderException> ToExceptionAsync(HttpResponseMessage response, string provider, string? apiKey,
        CancellationToken cancellationToken)
    {
        var body = await ReadSomeAsync(response, cancellationToken).ConfigureAwait(false);
        return FromStatus(provider, response.StatusCode, body, apiKey, RetryAfter(response));
    }

    /// <summary>A refusal by status: 401/403 the key, 429 the rate (with Retry-After), anything else unavailable.</summary>
    public static ProviderException FromStatus(string provider, HttpStatusCode statusCode, string? body, string? apiKey,
        TimeSpan? retryAfter, Exception? inner = null)
    {
        var detail = Redact(VendorMessage(body ?? ""), apiKey);
        var status = (int)statusCode;
        return statusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ProviderException(provider, ProviderFailure.Unauthorized,
                $"the API key was refused ({status}){Suffix(detail)}. Check the provider's key in the settings.", inner, statusCode),
            HttpStatusCode.TooManyRequests => new ProviderException(provider, ProviderFailure.RateLimited,
                $"rate limited (429){Suffix(detail)}.", inner, statusCode, retryAfter),
            _ => new ProviderException(provider, ProviderFailure.Unavailable, $"answered {status}{Suffix(detail)}.", inner, statusCode, retryAfter),
        };
    }

    /// <summary>The key, replaced wherever a vendor echoed it back.</summary>
    public static string Redact(string text, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) || apiKey.Length < 4 ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

    /// <summary>Retry-After in seconds or as a date (RFC 9110 §10.2.3).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        // Some vendors send fractional seconds, which the typed header rejects.
        if (response.Headers.TryGetValues("retry-after", out var raw) &&
            double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    public static ProviderException Malformed(string provider, string what, Exception? inner = null) =>
        new(provider, ProviderFailure.Protocol, $"sent a malformed {what}.", inner);

    public static ProviderException Cut(string provider, string what, Exception? inner = null) =>
        new(provider, ProviderFailure.Unavailable, $"the {what} ended before it was complete.", inner);

    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);

    private static string Suffix(string detail) => detail.Length == 0 ? "" : $": {detail}";

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length > 4096 ? text[..4096] : text;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>The human part of a vendor's error body: OpenAI's error.message, Anthropic's error.message, ElevenLabs' detail.message, Google's error.message.</summary>
    private static string VendorMessage(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0) return "";
        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var container in new[] { "error", "detail" })
                {
                    if (!root.TryGetProperty(container, out var inner)) continue;
                    if (inner.ValueKind == JsonValueKind.String) return Clip(inner.GetString()!);
                    if (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        return Clip(m.GetString()!);
                    }
                }
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) return Clip(message.GetString()!);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy): quote its start.
        }
        return Clip(trimmed);
    }

    private static string Clip(string text) => text.Length > MaxQuotedBody ? text[..MaxQuotedBody] + "…" : text;
}

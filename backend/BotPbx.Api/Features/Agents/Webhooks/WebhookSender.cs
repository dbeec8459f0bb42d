using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using BotPbx.Voice.Agents;

namespace BotPbx.Api.Features.Agents.Webhooks;

/// <summary>
/// Sends one signed webhook request. No redirects are followed (a signed body must reach the URL the admin typed, not
/// wherever it points), no cookies, no proxy; any 2xx is success. Failures are described without the URL's query,
/// which may carry a receiver's token.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    public WebhookSender(AgentWebhooksOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            Timeout = options.Timeout,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BotPBX-Webhooks", "1"));
    }

    public async Task<DeliveryAttempt> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var started = _time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(delivery.Secret, started, body));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return new DeliveryAttempt(delivery.Attempt, started, Elapsed(watch), code, response.IsSuccessStatusCode ? null : $"HTTP {code}");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAttempt(delivery.Attempt, started, Elapsed(watch), null, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(delivery.Attempt, started, Elapsed(watch), null, "timed out");
        }
    }

    public void Dispose() => _client.Dispose();

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}

using System.Net.Http.Headers;
using System.Text;
using BotPbx.Voice.Agents;

namespace BotPbx.Voice.Tools;

/// <summary>
/// Calls an agent's user function: POSTs the model's arguments (a JSON object) to the function's URL and gives the
/// answer back to the model. The body is signed as the agents' webhooks are (<see cref="WebhookSignature"/>: header
/// <c>X-BotPBX-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>), so the receiver can
/// check it came from this PBX and is fresh; <c>X-BotPBX-Function</c> names the function. Failures (timeout, refused, non-2xx) become a JSON error the
/// model can talk about, never an exception that ends the call.
/// </summary>
public sealed class FunctionCaller(HttpClient http, TimeSpan timeout, TimeProvider? time = null)
{
    public const string SignatureHeader = WebhookSignature.HeaderName;
    public const string FunctionHeader = "X-BotPBX-Function";

    /// <summary>The longest answer passed to the model; more would waste its context.</summary>
    private const int MaxResultLength = 4000;

    public TimeSpan Timeout => timeout;

    public async Task<string> CallAsync(AgentFunction function, string argumentsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var body = Encoding.UTF8.GetBytes(argumentsJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, function.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(FunctionHeader, function.Name);
        if (!string.IsNullOrEmpty(function.Secret)) request.Headers.Add(SignatureHeader, WebhookSignature.Create(function.Secret, (time ?? TimeProvider.System).GetUtcNow(), body));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            if (text.Length > MaxResultLength) text = text[..MaxResultLength];
            if (!response.IsSuccessStatusCode) return Error($"the function answered HTTP {(int)response.StatusCode}");
            return text.Length == 0 ? """{"ok":true}""" : text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Error($"the function did not answer within {timeout.TotalSeconds:0.#} seconds");
        }
        catch (HttpRequestException e)
        {
            return Error("the function could not be reached: " + e.Message);
        }
    }

    private static string Error(string message) => ToolJson.Error(message);
}

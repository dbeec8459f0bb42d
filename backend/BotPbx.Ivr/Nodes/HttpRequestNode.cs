using System.Globalization;
using System.Text.Json;
using BotPbx.Ivr.Http;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record HttpFieldMapping(string Variable, string Path);

public sealed record HttpRequestData(string Method, string Url, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null,
    int? TimeoutSeconds = null, IReadOnlyList<HttpFieldMapping>? Mappings = null, string? Label = null);

/// <summary>
/// Calls an external API through <see cref="IvrHttpClient"/> (internal addresses refused, size and time limited).
/// URL values are percent-encoded, JSON body values JSON-escaped. Sets HTTP_STATUS (0 when no response) and
/// HTTP_ERROR, maps JSON fields of a 2xx answer to variables, and follows <c>success</c> or <c>error</c>.
/// </summary>
public sealed class HttpRequestExecutor : INodeExecutor<HttpRequestData>
{
    public static readonly NodeSpec Spec = new NodeSpec<HttpRequestData>("httpRequest", new HttpRequestExecutor(), _ => ["success", "error"]);

    public async Task<NodeResult> ExecuteAsync(NodeContext context, HttpRequestData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var url = Template.RenderUrl(data.Url, context.Variables);
        var headers = (data.Headers ?? new Dictionary<string, string>()).ToDictionary(h => h.Key, h => context.Render(h.Value), StringComparer.OrdinalIgnoreCase);
        var body = data.Body is null ? null : Template.RenderJson(data.Body, context.Variables);
        var timeout = TimeSpan.FromSeconds(data.TimeoutSeconds ?? 5);
        var response = await context.Runtime.Http.SendAsync(data.Method, url, headers, body, timeout, cancellationToken).ConfigureAwait(false);

        context.Variables.Set("HTTP_STATUS", response.StatusCode.ToString(CultureInfo.InvariantCulture));
        context.Variables.Set("HTTP_ERROR", response.Error ?? (response.IsSuccess ? string.Empty : $"status {response.StatusCode}"));
        if (!response.IsSuccess)
        {
            context.Step.Error = response.Error ?? $"status {response.StatusCode}";
            return NodeResult.Next("error", $"{data.Method} {StripQuery(url)} → {response.Error ?? response.StatusCode.ToString(CultureInfo.InvariantCulture)}");
        }
        MapFields(context, data.Mappings ?? [], response.Body);
        return NodeResult.Next("success", $"{data.Method} {StripQuery(url)} → {response.StatusCode}");
    }

    private static void MapFields(NodeContext context, IReadOnlyList<HttpFieldMapping> mappings, string body)
    {
        if (mappings.Count == 0) return;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            foreach (var mapping in mappings)
            {
                context.Variables.Set(mapping.Variable, JsonFieldPath.TryRead(document.RootElement, mapping.Path, out var value) ? value : string.Empty);
            }
        }
        catch (JsonException)
        {
            context.Step.Error = "the response is not JSON; mapped variables are empty";
            foreach (var mapping in mappings) context.Variables.Set(mapping.Variable, string.Empty);
        }
    }

    /// <summary>The trace keeps the URL without its query: query strings often carry keys and caller data.</summary>
    private static string StripQuery(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? url : url[..question];
    }
}

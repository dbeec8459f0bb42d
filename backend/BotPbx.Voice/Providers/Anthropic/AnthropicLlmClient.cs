using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace BotPbx.Voice.Providers.Anthropic;

/// <summary>
/// Claude through the official Anthropic SDK's streaming Messages API (kind "anthropic"). Text deltas are yielded as
/// they arrive; a <c>tool_use</c> block's <c>input_json_delta</c> fragments are joined and yielded as one complete
/// <see cref="ToolCall"/> at its <c>content_block_stop</c>. Options: <c>maxRetries</c> (default 0: a caller is waiting,
/// the pipeline decides whether a retry is worth the silence), <c>omitTemperature</c>.
/// </summary>
public sealed class AnthropicLlmClient : ILlmClient, IDisposable
{
    public const string Kind = "anthropic";
    private const string Provider = "Anthropic";

    private readonly ProviderSettings _settings;
    private readonly HttpClient _http;
    private readonly AnthropicClient _client;

    public AnthropicLlmClient(ProviderSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _http = new HttpClient(new RetryAfterRecorder(handler ?? ProviderHttpClient.Handler), disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the SDK applies its own per-request timeout
        };
        _client = new AnthropicClient(new ClientOptions
        {
            ApiKey = settings.ApiKey ?? "",
            BaseUrl = settings.BaseUrl?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
            HttpClient = _http,
            MaxRetries = settings.IntOption("maxRetries") ?? 0,
            Timeout = TimeSpan.FromSeconds(settings.IntOption("timeoutSeconds") ?? 60),
        });
    }

    public async IAsyncEnumerable<LlmDelta> StreamAsync(LlmRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = _settings.RequireKey(Provider);
        var parameters = Build(request);
        var box = new RetryAfterRecorder.Box();
        RetryAfterRecorder.Slot.Value = box;
        var tools = new Dictionary<long, (string Id, string Name, StringBuilder Json)>();
        string? stopReason = null;
        int? inputTokens = null, outputTokens = null;
        var stopped = false;
        await using var events = _client.Messages.CreateStreaming(parameters, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (!stopped)
        {
            RawMessageStreamEvent streamEvent;
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                streamEvent = events.Current;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw Translate(e, key, box.RetryAfter);
            }
            if (streamEvent.TryPickStart(out var start))
            {
                inputTokens = (int)start.Message.Usage.InputTokens;
            }
            else if (streamEvent.TryPickContentBlockStart(out var blockStart))
            {
                if (blockStart.ContentBlock.TryPickToolUse(out var toolUse)) tools[blockStart.Index] = (toolUse.ID, toolUse.Name, new StringBuilder());
            }
            else if (streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                if (blockDelta.Delta.TryPickText(out var text) && text.Text.Length > 0) yield return new LlmTextDelta(text.Text);
                else if (blockDelta.Delta.TryPickInputJson(out var json) && tools.TryGetValue(blockDelta.Index, out var tool)) tool.Json.Append(json.PartialJson);
            }
            else if (streamEvent.TryPickContentBlockStop(out var blockStop))
            {
                if (tools.Remove(blockStop.Index, out var tool)) yield return new LlmToolCallDelta(Complete(tool.Id, tool.Name, tool.Json.ToString()));
            }
            else if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.Raw();
                outputTokens = (int)messageDelta.Usage.OutputTokens;
                if (messageDelta.Usage.InputTokens is { } total) inputTokens = (int)total;
            }
            else if (streamEvent.TryPickStop(out _))
            {
                stopped = true;
            }
        }
        // Without message_stop the answer may be missing its end: say so instead of speaking half a sentence as if whole.
        if (!stopped) throw VendorHttp.Cut(Provider, "message stream");
        yield return new LlmDone(stopReason, inputTokens, outputTokens);
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private MessageCreateParams Build(LlmRequest request)
    {
        var typed = new MessageCreateParams
        {
            Model = request.Model,
            MaxTokens = request.MaxTokens,
            Messages = AnthropicMessages.Turns(request.Messages),
        };
        // Set only when there is something: an assigned null would be sent as "system": null, which the API refuses.
        if (AnthropicMessages.System(request.Messages) is { } system) typed = typed with { System = system };
        if (request.Tools.Count > 0) typed = typed with { Tools = AnthropicMessages.Tools(request.Tools) };
        if (_settings.BoolOption("omitTemperature")) return typed;
        // This SDK version has no typed temperature; the API still takes it (0…1), so it goes into the raw body.
        var body = new Dictionary<string, JsonElement>(typed.RawBodyData)
        {
            ["temperature"] = JsonSerializer.SerializeToElement(Math.Clamp(request.Temperature, 0, 1)),
        };
        return MessageCreateParams.FromRawUnchecked(new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), body);
    }

    private static ToolCall Complete(string id, string name, string json)
    {
        var arguments = json.Length == 0 ? "{}" : json;
        try
        {
            using var _ = JsonDocument.Parse(arguments);
        }
        catch (JsonException e)
        {
            throw VendorHttp.Malformed(Provider, $"tool call ({name}: its input_json_delta fragments are not JSON)", e);
        }
        return new ToolCall(id, name, arguments);
    }

    private static Exception Translate(Exception e, string key, TimeSpan? retryAfter) => e switch
    {
        // Not kept as the inner exception: the SDK's message quotes the response body, which may echo the key.
        AnthropicApiException api => VendorHttp.FromStatus(Provider, api.StatusCode, api.ResponseBody, key, retryAfter),
        AnthropicSseException sse => new ProviderException(Provider, ProviderFailure.Unavailable,
            $"the stream reported an error: {VendorHttp.Redact(sse.Message, key)}"),
        AnthropicInvalidDataException or JsonException => VendorHttp.Malformed(Provider, "stream event", e),
        AnthropicIOException or HttpRequestException or IOException => VendorHttp.Cut(Provider, "message stream", e),
        OperationCanceledException => new ProviderException(Provider, ProviderFailure.Unavailable, "timed out.", e),
        _ => e,
    };
}

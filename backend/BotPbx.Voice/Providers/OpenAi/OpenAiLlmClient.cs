using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using OpenAI;
using OpenAI.Chat;
using SdkMessage = OpenAI.Chat.ChatMessage;

namespace BotPbx.Voice.Providers.OpenAi;

/// <summary>
/// Chat completions through the official OpenAI SDK, streaming. Any OpenAI-compatible server works by its base URL
/// (Groq https://api.groq.com/openai/v1, Ollama http://127.0.0.1:11434/v1, vLLM, llama.cpp's llama-server
/// http://127.0.0.1:8080/v1). Tool calls arrive as fragments keyed by index (the id and name in the first, the
/// arguments spread over many); <see cref="ToolCallAssembler"/> joins them and they are yielded whole when the stream
/// says why it finished, before <see cref="LlmDone"/>.
/// </summary>
public sealed class OpenAiLlmClient : ILlmClient
{
    // Local servers (Ollama, llama-server) take no key, but the SDK refuses an empty credential.
    private const string NoKey = "no-key";

    private readonly OpenAIClient _client;

    public OpenAiLlmClient(ProviderSettings settings, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new OpenAIClientOptions();
        if (settings.BaseUrl is { } url) options.Endpoint = url;
        if (http is not null) options.Transport = new HttpClientPipelineTransport(http);
        _client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? NoKey : settings.ApiKey), options);
    }

    public async IAsyncEnumerable<LlmDelta> StreamAsync(LlmRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chat = _client.GetChatClient(request.Model);
        var options = new ChatCompletionOptions
        {
            Temperature = (float)request.Temperature,
            MaxOutputTokenCount = request.MaxTokens,
        };
        foreach (var tool in request.Tools)
        {
            options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.Parameters.ToJsonString())));
        }

        var calls = new ToolCallAssembler();
        string? finish = null;
        int? input = null, output = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(ToSdk(request.Messages), options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text)) yield return new LlmTextDelta(part.Text);
            }
            foreach (var fragment in update.ToolCallUpdates)
            {
                calls.Add(fragment.Index, fragment.ToolCallId, fragment.FunctionName, fragment.FunctionArgumentsUpdate?.ToString());
            }
            if (update.FinishReason is { } reason) finish = FinishName(reason);
            if (update.Usage is { } usage)
            {
                input = usage.InputTokenCount;
                output = usage.OutputTokenCount;
            }
        }
        foreach (var call in calls.Complete()) yield return new LlmToolCallDelta(call);
        yield return new LlmDone(finish, input, output);
    }

    private static List<SdkMessage> ToSdk(IReadOnlyList<ChatMessage> messages)
    {
        var list = new List<SdkMessage>(messages.Count);
        foreach (var message in messages)
        {
            list.Add(message.Role switch
            {
                ChatRole.System => new SystemChatMessage(message.Text ?? ""),
                ChatRole.User => new UserChatMessage(message.Text ?? ""),
                ChatRole.Assistant => Assistant(message),
                ChatRole.Tool => new ToolChatMessage(message.ToolCallId ?? "", message.Text ?? ""),
                _ => throw new ArgumentOutOfRangeException(nameof(messages), message.Role, "Unknown chat role."),
            });
        }
        return list;
    }

    private static AssistantChatMessage Assistant(ChatMessage message)
    {
        if (message.ToolCalls is not { Count: > 0 } calls) return new AssistantChatMessage(message.Text ?? "");
        var assistant = new AssistantChatMessage(calls.Select(c =>
            ChatToolCall.CreateFunctionToolCall(c.Id, c.Name, BinaryData.FromString(string.IsNullOrEmpty(c.ArgumentsJson) ? "{}" : c.ArgumentsJson))));
        if (!string.IsNullOrEmpty(message.Text)) assistant.Content.Add(ChatMessageContentPart.CreateTextPart(message.Text));
        return assistant;
    }

    private static string FinishName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };
}

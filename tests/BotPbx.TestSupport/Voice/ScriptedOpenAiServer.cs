using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotPbx.TestSupport.Voice;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (Kestrel) that answers from a script, streamed the way
/// OpenAI streams: <c>text/event-stream</c>, one <c>data: {chat.completion.chunk}</c> per fragment (a role chunk first,
/// content fragments, tool calls as an id+name chunk followed by argument fragments keyed by index, a finish_reason
/// chunk, a usage chunk when asked with stream_options.include_usage) and <c>data: [DONE]</c>. Every request body is
/// kept for assertions (what the pipeline sent the model: prompt, history, tool results).
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<JsonObject, ScriptedReply> _script;
    private readonly List<JsonObject> _requests = [];

    private ScriptedOpenAiServer(WebApplication app, Func<JsonObject, ScriptedReply> script)
    {
        _app = app;
        _script = script;
    }

    /// <summary>Delay between two streamed chunks (a model's token pace).</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Delay before the first chunk (a model's time to first token).</summary>
    public TimeSpan FirstChunkDelay { get; set; }

    /// <summary><c>http://127.0.0.1:port/v1</c>: the base URL an OpenAI client is given.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    public static async Task<ScriptedOpenAiServer> StartAsync(Func<JsonObject, ScriptedReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app, script);
        app.MapPost("/v1/chat/completions", server.ServeAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>A script that answers the n-th request with the n-th reply (the last one again when they run out).</summary>
    public static Task<ScriptedOpenAiServer> StartAsync(params ScriptedReply[] replies)
    {
        var next = 0;
        return StartAsync(_ => replies[Math.Min(Interlocked.Increment(ref next) - 1, replies.Length - 1)]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (_requests) _requests.Add(body);
        var reply = _script(body);
        var model = body["model"]?.GetValue<string>() ?? "scripted";
        var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        if (body["stream"]?.GetValue<bool>() != true)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":{"message":"only streaming is scripted"}}""");
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var token = context.RequestAborted;
        if (FirstChunkDelay > TimeSpan.Zero) await Task.Delay(FirstChunkDelay, token);

        await SendAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), token);
        foreach (var fragment in reply.TextFragments)
        {
            await Task.Delay(ChunkDelay, token);
            await SendAsync(context, Chunk(model, new JsonObject { ["content"] = fragment }, null), token);
        }
        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var call = reply.ToolCalls[index];
            var first = new JsonObject
            {
                ["index"] = index, ["id"] = call.Id, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            };
            await SendAsync(context, Chunk(model, new JsonObject { ["tool_calls"] = new JsonArray(first) }, null), token);
            // Arguments arrive in small pieces that split keys and strings, as OpenAI's do.
            for (var at = 0; at < call.Arguments.Length; at += 7)
            {
                var piece = call.Arguments.Substring(at, Math.Min(7, call.Arguments.Length - at));
                var fragment = new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = piece } };
                await Task.Delay(ChunkDelay, token);
                await SendAsync(context, Chunk(model, new JsonObject { ["tool_calls"] = new JsonArray(fragment) }, null), token);
            }
        }
        var finish = reply.ToolCalls.Count > 0 ? "tool_calls" : "stop";
        await SendAsync(context, Chunk(model, [], finish), token);
        if (includeUsage)
        {
            var usage = new JsonObject
            {
                ["id"] = "chatcmpl-scripted", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 42, ["completion_tokens"] = 7, ["total_tokens"] = 49 },
            };
            await SendAsync(context, usage, token);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", token);
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-scripted",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["system_fingerprint"] = "fp_scripted",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason,
        }),
    };

    private static async Task SendAsync(HttpContext context, JsonObject chunk, CancellationToken token)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8, token);
        await context.Response.Body.FlushAsync(token);
    }
}

/// <summary>What the scripted model answers: text (sent in the given fragments) and tool calls.</summary>
public sealed record ScriptedReply(IReadOnlyList<string> TextFragments, IReadOnlyList<ScriptedToolCall> ToolCalls)
{
    /// <summary>Text streamed word by word (each fragment a word with its following space, as tokenisers do).</summary>
    public static ScriptedReply Say(string text, params ScriptedToolCall[] calls) =>
        new([.. System.Text.RegularExpressions.Regex.Split(text, "(?<= )").Where(s => s.Length > 0)], calls);

    public static ScriptedReply Call(params ScriptedToolCall[] calls) => new([], calls);
}

public sealed record ScriptedToolCall(string Id, string Name, string Arguments)
{
    public static ScriptedToolCall Of(string id, string name, object arguments) => new(id, name, JsonSerializer.Serialize(arguments));
}

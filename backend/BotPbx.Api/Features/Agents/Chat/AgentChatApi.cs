using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary><paramref name="Context"/> picks one of the agent's contexts (as AI_CONTEXT does); <paramref name="Variables"/> fill {{placeholders}}.</summary>
public sealed record ChatStartRequest(string? Context, IReadOnlyDictionary<string, string?>? Variables);

public sealed record ChatStartResponse(long ConversationId, string? Greeting, string LlmProvider, string Model);

public sealed record ChatMessageRequest(string? Text);

/// <summary>The whole answer at once (<c>?stream=false</c>): the events a stream would have sent.</summary>
public sealed record ChatReplyResponse(string Text, IReadOnlyList<ChatEvent> Events);

/// <summary>
/// "Try it": a text chat with a saved agent, before any phone exists. Administrators only: it spends the provider's
/// key and calls the agent's functions. Answers stream as server-sent events (<c>text/event-stream</c>): one event per
/// <see cref="ChatEvent"/>, named by its type; <c>?stream=false</c> answers the same events as one JSON object.
/// </summary>
public static partial class AgentChatApi
{
    public const int MaxMessageLength = 4000;

    public static IEndpointRouteBuilder MapAgentChatApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("AI agents").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        group.MapPost("/{id:long}/chat", StartAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound).WithName("StartAgentChat")
            .WithSummary("Start a try-it chat with the saved agent (same prompt, variables and tools as a call); answers its greeting");
        group.MapPost("/chat/{conversationId:long}/messages", SendAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("SendAgentChatMessage")
            .WithSummary("Send a message; the answer streams as server-sent events (text, tool, ended, done, error) unless stream=false");
        return app;
    }

    private static async Task<Results<Created<ChatStartResponse>, ProblemHttpResult>> StartAsync(long id, ChatStartRequest? request, AgentStore agents,
        AiProviderSettingsStore providers, IConversationStore conversations, ChatSessions sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = request?.Variables ?? new Dictionary<string, string?>();
        errors.Check(given.Count <= 50, "variables", "must hold at most 50 variables");
        foreach (var (name, value) in given)
        {
            if (errors.Check(VariableName().IsMatch(name), "variables." + name, "must be a name of letters, digits and _")
                && errors.Check((value ?? "").Length <= 500 && !(value ?? "").Any(char.IsControl), "variables." + name, "must be at most 500 characters on one line"))
                variables[name] = value ?? "";
        }
        errors.MaxLength("context", request?.Context, 64);
        if (errors.Any) return errors.ToProblem();
        if (await agents.FindAsync(id, cancellationToken) is not { } record) return ApiProblems.NotFound("No AI agent with this id.");

        var resolve = await providers.ResolverAsync(cancellationToken);
        var agent = AgentCatalog.ToDefinition(record, request?.Context, resolve);
        agent = agent with
        {
            SystemPrompt = PromptTemplate.Render(agent.SystemPrompt, variables),
            Greeting = agent.Greeting is { } greeting ? PromptTemplate.Render(greeting, variables) : null,
        };
        var now = time.GetUtcNow();
        var conversationId = await conversations.StartAsync(new ConversationStart(agent.Id, "chat", null, variables.GetValueOrDefault("caller_id"),
            variables.GetValueOrDefault("did"), variables, now), cancellationToken);
        var session = new ChatSession(conversationId, id, agent, request?.Context);
        if (agent.Greeting is { Length: > 0 } hello)
        {
            session.History.Add(new Voice.Providers.ChatMessage(Voice.Providers.ChatRole.Assistant, hello));
            await conversations.AddTurnAsync(conversationId, new ConversationTurn(session.NextIndex++, "agent", hello, now), cancellationToken);
        }
        await sessions.AddAsync(session, cancellationToken);
        return TypedResults.Created($"/api/agents/chat/{conversationId.ToString(CultureInfo.InvariantCulture)}",
            new ChatStartResponse(conversationId, agent.Greeting, record.Agent.LlmProvider, agent.Model));
    }

    private static async Task<Results<EmptyHttpResult, Ok<ChatReplyResponse>, ProblemHttpResult>> SendAsync(long conversationId,
        ChatMessageRequest request, bool? stream, HttpContext httpContext, ChatSessions sessions, ChatRunner runner, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (errors.Required("text", request?.Text)) errors.MaxLength("text", request!.Text, MaxMessageLength);
        if (errors.Any) return errors.ToProblem();
        if (await sessions.FindAsync(conversationId, cancellationToken) is not { } session)
            return ApiProblems.NotFound("No open chat with this id: chats close after 30 minutes without a message.");
        if (session.Ended) return ApiProblems.Conflict("This chat has ended; start a new one.");
        if (!await session.Gate.WaitAsync(0, cancellationToken)) return ApiProblems.Conflict("The previous message is still being answered.");
        try
        {
            if (stream == false)
            {
                var events = new List<ChatEvent>();
                await runner.RunAsync(session, request!.Text!.Trim(), e =>
                {
                    events.Add(e);
                    return Task.CompletedTask;
                }, cancellationToken);
                return TypedResults.Ok(new ChatReplyResponse(string.Concat(events.OfType<ChatText>().Select(t => t.Text)), events));
            }
            var response = httpContext.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            // Tells a reverse proxy (nginx) not to hold the stream back until it ends.
            response.Headers["X-Accel-Buffering"] = "no";
            await response.StartAsync(cancellationToken);
            await runner.RunAsync(session, request!.Text!.Trim(), async e =>
            {
                var data = JsonSerializer.Serialize(e, Json);
                await response.WriteAsync($"event: {e.Type}\ndata: {data}\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }, cancellationToken);
            return TypedResults.Empty;
        }
        finally
        {
            // Kept after every message, answered or not, so a restart carries on from here. Not the request's token:
            // a client that went away mid-answer still leaves the chat in the state its saved turns show.
            await sessions.SaveAsync(session, CancellationToken.None);
            session.Gate.Release();
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex(@"\A[A-Za-z0-9_]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}

using System.Globalization;
using BotPbx.Api.Features.Agents.PbxIntegration;
using BotPbx.Api.Features.Agents.Webhooks;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// Seed 003's <c>/api/agents</c>: supervisors read, administrators write. Bodies use the API's camelCase names; the
/// manual's snake_case names (<c>system_prompt</c>, <c>tts_engine</c>, <c>provider</c>…) are accepted as aliases.
/// </summary>
public static class AgentsApi
{
    public const string CreatedAction = "agent.created";
    public const string UpdatedAction = "agent.updated";
    public const string DeletedAction = "agent.deleted";
    public const string SecretRotatedAction = "agent.secretRotated";

    /// <summary>The manual's names (seed 003 "AI Agents" REST example and the form's YAML) → the API's.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["provider"] = "llmProvider", ["llm_provider"] = "llmProvider", ["max_tokens"] = "maxTokens", ["system_prompt"] = "systemPrompt",
        ["tts_engine"] = "ttsEngine", ["tts_voice"] = "ttsVoice", ["voice"] = "ttsVoice", ["tts_speed"] = "ttsSpeed", ["speed"] = "ttsSpeed",
        ["stt_engine"] = "sttEngine", ["stt_language"] = "sttLanguage", ["language"] = "sttLanguage", ["stt_model"] = "sttModel",
        ["realtime_provider"] = "realtimeProvider", ["max_turns"] = "maxTurns", ["silence_timeout_seconds"] = "silenceTimeoutSeconds",
        ["silence_timeout"] = "silenceTimeoutSeconds", ["end_call_phrases"] = "endCallPhrases", ["transfer_targets"] = "transferTargets",
    };

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("AI agents").ProducesAuthProblems();
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Supervisor).WithName("ListAgents").WithSummary("AI agents, filtered by search");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Supervisor).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAgent").WithSummary("One AI agent (secrets are never returned: hasSecret)");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).Accepts<AgentRequest>("application/json").ProducesInputProblems()
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("CreateAgent")
            .WithSummary("Create an AI agent; the answer shows each new function's and webhook's secret this once");
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin).Accepts<AgentRequest>("application/json").ProducesInputProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithName("UpdateAgent")
            .WithSummary("Update an AI agent; only the fields sent change, a list sent replaces the stored list");
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("DeleteAgent")
            .WithSummary("Delete an AI agent; 409 naming the routes, queues, IVRs or campaigns that send calls to it");
        group.MapPost("/{id:long}/functions/{functionId:long}/secret", RotateFunctionSecretAsync).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("RotateAgentFunctionSecret")
            .WithSummary("A new signing secret for one function, shown this once");
        group.MapPost("/{id:long}/webhooks/{webhookId:long}/secret", RotateWebhookSecretAsync).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("RotateAgentWebhookSecret")
            .WithSummary("A new signing secret for one webhook, shown this once");
        group.MapGet("/{id:long}/webhook-deliveries", ListDeliveriesAsync).RequireAuthorization(Policies.Admin).WithName("ListAgentWebhookDeliveries")
            .WithSummary("The latest webhook deliveries of the agent (newest first, at most 100), with every try");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DeliveryResponse>>> ListDeliveriesAsync(long id, WebhookDeliveryStore deliveries, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Range("limit", limit ?? 50, 1, 100);
        errors.ThrowIfAny();
        return TypedResults.Ok(await deliveries.ListAsync(id, limit ?? 50, cancellationToken));
    }

    private static async Task<Ok<ListResponse<AgentResponse>>> ListAsync(AgentStore store, string? search, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        var (items, total) = await store.ListAsync(ListQuery.Validate(search, limit, offset), cancellationToken);
        return TypedResults.Ok(new ListResponse<AgentResponse>([.. items.Select(a => a.ToResponse())], total));
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> GetAsync(long id, AgentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } agent ? TypedResults.Ok(agent.ToResponse()) : NotFound();

    private static async Task<Results<Created<AgentResponse>, ProblemHttpResult>> CreateAsync(HttpContext httpContext, AgentStore store,
        PbxStore pbx, AuditLog audit, CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(httpContext.Request, cancellationToken);
        var request = PbxRequestBody.Read<AgentRequest>(body, Aliases);
        var (saved, problem) = await SaveAsync(null, request, store, pbx, cancellationToken);
        if (problem is not null) return problem;
        await audit.WriteAsync(httpContext, CreatedAction, saved!.Value.Record.Agent.Name, new { id = saved.Value.Record.Id }, cancellationToken);
        var response = saved.Value.Record.ToResponse(saved.Value.Secrets);
        return TypedResults.Created($"/api/agents/{response.Id.ToString(CultureInfo.InvariantCulture)}", response);
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> UpdateAsync(long id, HttpContext httpContext, AgentStore store,
        PbxStore pbx, AuditLog audit, CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(httpContext.Request, cancellationToken);
        if (await store.FindAsync(id, cancellationToken) is not { } stored) return NotFound();
        // Fields left out keep their stored value; functions and webhooks keep their ids, so their secrets stay.
        var request = PbxRequestBody.Merge<AgentRequest, AgentResponse>(body, Aliases, stored.ToResponse());
        var (saved, problem) = await SaveAsync(id, request, store, pbx, cancellationToken, stored);
        if (problem is not null) return problem;
        await audit.WriteAsync(httpContext, UpdatedAction, saved!.Value.Record.Agent.Name, new { id }, cancellationToken);
        return TypedResults.Ok(saved.Value.Record.ToResponse(saved.Value.Secrets));
    }

    private static async Task<((AgentRecord Record, GeneratedSecrets Secrets)? Saved, ProblemHttpResult? Problem)> SaveAsync(long? id,
        AgentRequest request, AgentStore store, PbxStore pbx, CancellationToken cancellationToken, AgentRecord? stored = null)
    {
        var errors = new FieldErrors();
        var draft = AgentValidation.Validate(request, errors);
        if (draft is null) return (null, errors.ToProblem());
        // Under the PBX write lock: the extensions, queues and ring groups the transfer targets name cannot be deleted
        // or renumbered between this check and the save (their writes take the same lock and ask AgentNumberUsers).
        return await pbx.InLockAsync<((AgentRecord, GeneratedSecrets)?, ProblemHttpResult?)>(async (connection, transaction) =>
        {
            var configuration = await pbx.LoadAsync(connection, transaction, cancellationToken);
            TransferTargetRules.CheckReferences(draft.TransferTargets, configuration, errors);
            // The number shares the extensions' space: no extension, queue, ring group, conference or other agent may have it.
            if (draft.Number is { } number && new PbxReferences(configuration).NumberTakenBy(number, "aiAgent", id ?? 0) is { } owner)
                errors.Add("number", $"is already used by {owner}");
            if (errors.Any) return (null, errors.ToProblem());
            try
            {
                var saved = await store.SaveAsync(connection, transaction, id, draft, cancellationToken);
                if (saved is null) return (null, NotFound());
                // A new agent is a new extension of the botpbx-ai-agent context, a new or changed number one of
                // botpbx-ai-agent-numbers: the dialplan changes at the next apply.
                if (id is null || stored?.Agent.Number != draft.Number) await PbxStore.MarkPendingAsync(connection, transaction, cancellationToken);
                return (saved, null);
            }
            catch (DuplicateAgentNameException)
            {
                return (null, ApiProblems.Conflict("Another AI agent already has this name."));
            }
        }, cancellationToken);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext httpContext, AgentStore store, PbxStore pbx,
        IEnumerable<IAgentUsers> users, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } agent) return NotFound();
        var idText = id.ToString(CultureInfo.InvariantCulture);
        // Under the PBX write lock: no inbound route, queue or time condition can start sending calls to the agent between
        // the check and the delete (their saves check that the agent exists while holding the same lock).
        var problem = await pbx.InLockAsync<ProblemHttpResult?>(async (connection, transaction) =>
        {
            var configuration = await pbx.LoadAsync(connection, transaction, cancellationToken);
            var using_ = PbxReferrers.Find(configuration, PbxObjectKind.AiAgent, idText).ToList();
            foreach (var source in users) using_.AddRange(await source.FindAsync(id, cancellationToken));
            if (using_.Count > 0) return ApiProblems.Conflict($"The AI agent is used by {string.Join(", ", using_)}.");
            if (!await store.DeleteAsync(connection, transaction, id, cancellationToken)) return NotFound();
            await PbxStore.MarkPendingAsync(connection, transaction, cancellationToken);
            return null;
        }, cancellationToken);
        if (problem is not null) return problem;
        await audit.WriteAsync(httpContext, DeletedAction, agent.Agent.Name, new { id }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RotateFunctionSecretAsync(long id, long functionId, HttpContext httpContext,
        AgentStore store, AuditLog audit, CancellationToken cancellationToken) =>
        RotateAsync(id, webhook: false, functionId, httpContext, store, audit, cancellationToken);

    private static Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RotateWebhookSecretAsync(long id, long webhookId, HttpContext httpContext,
        AgentStore store, AuditLog audit, CancellationToken cancellationToken) =>
        RotateAsync(id, webhook: true, webhookId, httpContext, store, audit, cancellationToken);

    private static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RotateAsync(long id, bool webhook, long itemId, HttpContext httpContext,
        AgentStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var secret = await store.RotateSecretAsync(id, webhook, itemId, cancellationToken);
        if (secret is null) return ApiProblems.NotFound(webhook ? "No webhook with this id on this agent." : "No function with this id on this agent.");
        await audit.WriteAsync(httpContext, SecretRotatedAction, id.ToString(CultureInfo.InvariantCulture),
            new { item = webhook ? "webhook" : "function", itemId }, cancellationToken);
        return TypedResults.Ok(new SecretResponse(secret));
    }

    private static ProblemHttpResult NotFound() => ApiProblems.NotFound("No AI agent with this id.");
}

using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Agents.Conversations;

/// <summary>Conversations and per-agent metrics; supervisors and administrators (transcripts hold what callers said).</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("AI agents").RequireAuthorization(Policies.Supervisor).ProducesAuthProblems();
        group.MapGet("/conversations", ListAsync).WithName("ListAgentConversations")
            .WithSummary("Conversations, newest first; agentId filters by agent, search by agent name, caller ID or DID");
        group.MapGet("/conversations/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAgentConversation")
            .WithSummary("One conversation with its turns, tool calls and each turn's latency waterfall");
        group.MapGet("/{id:long}/metrics", MetricsAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAgentMetrics")
            .WithSummary("Average handle time, transfer rate, resolution rate and latency percentiles of one agent's calls");
        return app;
    }

    private static async Task<Ok<ListResponse<ConversationSummary>>> ListAsync(ConversationQueries queries, long? agentId, string? search, int? limit,
        int? offset, CancellationToken cancellationToken)
    {
        var (items, total) = await queries.ListAsync(agentId, ListQuery.Validate(search, limit, offset), cancellationToken);
        return TypedResults.Ok(new ListResponse<ConversationSummary>(items, total));
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(long id, ConversationQueries queries,
        CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } conversation
            ? TypedResults.Ok(conversation)
            : ApiProblems.NotFound("No conversation with this id.");

    private static async Task<Results<Ok<AgentMetricsResponse>, ProblemHttpResult>> MetricsAsync(long id, AgentStore agents, ConversationQueries queries,
        CancellationToken cancellationToken)
    {
        if (await agents.FindAsync(id, cancellationToken) is null) return ApiProblems.NotFound("No AI agent with this id.");
        return TypedResults.Ok(await queries.MetricsAsync(id, cancellationToken));
    }
}

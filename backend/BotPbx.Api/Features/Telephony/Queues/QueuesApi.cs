using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Queues;

/// <summary>/api/queues (supervisors read, admins write) and /api/queues/{id}/members for the static member list.</summary>
public static class QueuesApi
{
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queues").WithTags("Queues");
        PbxCrud.Map(group, PbxTables.Queues, ("Queue", "Queues"), Policies.Supervisor, Policies.Admin);
        group.MapGet("/{id:long}/members", GetMembersAsync).RequireAuthorization(Policies.Supervisor).WithName("ListQueueMembers")
            .WithSummary("Static members with penalties");
        group.MapPut("/{id:long}/members", SetMembersAsync).RequireAuthorization(Policies.Admin).WithName("SetQueueMembers")
            .WithSummary("Replace the static members; dynamic members log in and out with the queue feature codes");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<QueueMember>>, ProblemHttpResult>> GetMembersAsync(long id, PbxStore store,
        CancellationToken cancellationToken) =>
        await store.FindAsync(PbxTables.Queues, id, cancellationToken) is { } queue
            ? TypedResults.Ok(queue.Members)
            : PbxCrud.NotFound(PbxTables.Queues);

    private static async Task<Results<Ok<IReadOnlyList<QueueMember>>, ProblemHttpResult>> SetMembersAsync(long id,
        IReadOnlyList<QueueMember> members, PbxStore store, CancellationToken cancellationToken)
    {
        var result = await store.SaveAsync(PbxTables.Queues, id, existing => existing! with { Members = members ?? [] }, cancellationToken);
        return PbxCrud.Problem(result, PbxTables.Queues) is { } problem ? problem : TypedResults.Ok(result.Value!.Members);
    }
}

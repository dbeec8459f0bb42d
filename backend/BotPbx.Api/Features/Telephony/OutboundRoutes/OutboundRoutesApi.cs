using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.OutboundRoutes;

/// <summary>The new order of outbound routes: every route id, first-tried first.</summary>
public sealed record ReorderRoutesRequest(IReadOnlyList<long> Ids);

/// <summary>/api/outbound-routes, ordered by <c>position</c>; PUT /api/outbound-routes/order renumbers them.</summary>
public static class OutboundRoutesApi
{
    public static IEndpointRouteBuilder MapOutboundRoutesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbound-routes").WithTags("Outbound routes");
        PbxCrud.Map(group, PbxTables.OutboundRoutes, ("OutboundRoute", "OutboundRoutes"), Policies.Supervisor, Policies.Admin);
        group.MapPut("/order", ReorderAsync).RequireAuthorization(Policies.Admin).WithName("ReorderOutboundRoutes")
            .WithSummary("Set the order routes are tried in: positions become 10, 20, 30… in the order given");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReorderAsync(ReorderRoutesRequest request, PbxStore store,
        CancellationToken cancellationToken)
    {
        var ids = request.Ids ?? [];
        return await store.InLockAsync<Results<NoContent, ProblemHttpResult>>(async (connection, transaction) =>
        {
            var config = await store.LoadAsync(connection, transaction, cancellationToken);
            var existing = config.OutboundRoutes.Select(r => r.Id).ToHashSet();
            if (ids.Count != existing.Count || ids.Distinct().Count() != ids.Count || !ids.All(existing.Contains))
                return ApiProblems.Validation("ids", "must list every outbound route exactly once");
            for (var i = 0; i < ids.Count; i++)
            {
                var route = config.OutboundRoutes.First(r => r.Id == ids[i]) with { Position = (i + 1) * 10 };
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE pbx_outbound_routes SET position = @position, data = CAST(@data AS jsonb), updated_at = now() WHERE id = @id",
                    new { id = route.Id, position = route.Position, data = PbxJson.Serialize(route) }, transaction,
                    cancellationToken: cancellationToken));
            }
            await PbxStore.MarkPendingAsync(connection, transaction, cancellationToken);
            return TypedResults.NoContent();
        }, cancellationToken);
    }
}

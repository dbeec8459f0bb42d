using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Audit;

public static class AuditApi
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services) => services.AddSingleton<AuditLog>();

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .ProducesAuthProblems();
        group.MapGet("/", ListAsync).ProducesInputProblems().WithName("ListAudit").WithSummary("Security-relevant actions, newest first");
        return app;
    }

    private static async Task<Ok<ListResponse<AuditRecord>>> ListAsync(
        AuditLog audit, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var page = ListQuery.Validate(null, limit, offset);
        var (items, total) = await audit.ListAsync(page.Limit, page.Offset, cancellationToken);
        return TypedResults.Ok(new ListResponse<AuditRecord>(items, total));
    }
}

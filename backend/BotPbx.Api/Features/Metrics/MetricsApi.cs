using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace BotPbx.Api.Features.Metrics;

public sealed record MetricsTokenStatus(bool HasToken, DateTimeOffset? CreatedAt);

public sealed record MetricsTokenResponse(string Token);

/// <summary>
/// <c>/metrics</c> in Prometheus text format: .NET meters (ASP.NET Core, runtime) through prometheus-net's adapter and
/// the voice pipeline's meter under seed 002's names. It is not public: the scraper sends the generated metrics token
/// as a bearer token, or an administrator's session reads it. The token is managed at /api/metrics/token.
/// </summary>
public static class MetricsApi
{
    public const string TokenGeneratedAction = "metrics.tokenGenerated";
    public const string TokenRevokedAction = "metrics.tokenRevoked";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        // AllowAnonymous: the endpoint does its own check (the scrape token is not a session), see AllowedAsync.
        app.MapGet("/metrics", ExportAsync).AllowAnonymous().ExcludeFromDescription();
        var group = app.MapGroup("/api/metrics/token").WithTags("Metrics").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        group.MapGet("/", StatusAsync).WithName("GetMetricsToken").WithSummary("Whether a /metrics scrape token is set (never the token)");
        group.MapPost("/", GenerateAsync).WithName("GenerateMetricsToken")
            .WithSummary("A new /metrics scrape token, shown this once; the previous one stops working");
        group.MapDelete("/", RevokeAsync).WithName("RevokeMetricsToken").WithSummary("Revoke the scrape token");
        return app;
    }

    private static async Task ExportAsync(HttpContext context, MetricsToken tokens, CancellationToken cancellationToken)
    {
        var allowed = await AllowedAsync(context, tokens, cancellationToken);
        if (allowed is false)
        {
            await ApiProblems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden",
                "Only administrators (or the metrics token) may read /metrics.").ExecuteAsync(context);
            return;
        }
        if (allowed is null)
        {
            await ApiProblems.Create(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Unauthorized",
                "Send the metrics token as a bearer token (Authorization: Bearer bpxm_…), or sign in as an administrator.").ExecuteAsync(context);
            return;
        }
        // The Prometheus text exposition format, version 0.0.4.
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, cancellationToken);
    }

    /// <summary>True: the token or an admin; false: signed in, not an admin; null: nobody.</summary>
    private static async Task<bool?> AllowedAsync(HttpContext context, MetricsToken tokens, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer bpxm_", StringComparison.Ordinal) && await tokens.MatchesAsync(header["Bearer ".Length..], cancellationToken))
            return true;
        // Otherwise the usual sign-in (session cookie or session bearer token), administrators only.
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : (await context.AuthenticateAsync()).Principal;
        if (user?.Identity?.IsAuthenticated != true) return null;
        return user.IsInRole(Roles.Admin);
    }

    private static async Task<Ok<MetricsTokenStatus>> StatusAsync(MetricsToken tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.FindAsync(cancellationToken) is { } stored ? new MetricsTokenStatus(true, stored.CreatedAt) : new MetricsTokenStatus(false, null));

    private static async Task<Ok<MetricsTokenResponse>> GenerateAsync(HttpContext httpContext, MetricsToken tokens, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var token = await tokens.GenerateAsync(httpContext.User.UserId(), cancellationToken);
        await audit.WriteAsync(httpContext, TokenGeneratedAction, "metrics", null, cancellationToken);
        return TypedResults.Ok(new MetricsTokenResponse(token));
    }

    private static async Task<NoContent> RevokeAsync(HttpContext httpContext, MetricsToken tokens, AuditLog audit, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(httpContext.User.UserId(), cancellationToken);
        await audit.WriteAsync(httpContext, TokenRevokedAction, "metrics", null, cancellationToken);
        return TypedResults.NoContent();
    }
}

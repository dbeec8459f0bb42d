using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.SystemStatus;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Asterisk;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>GET /api/system/asterisk (state, live facts, pending changes) and POST /api/system/asterisk/reload (apply).</summary>
public sealed record AsteriskSystemResponse(
    AmiStatus Ami, bool PendingChanges, DateTimeOffset ChangedAt, DateTimeOffset? AppliedAt, ApplyReport? LastApply,
    AsteriskInfo? Live, string? LiveError);

public static class AsteriskApi
{
    public static IServiceCollection AddAsteriskIntegration(this IServiceCollection services)
    {
        services.AddSingleton<AmiClientHost>();
        services.AddHostedService(sp => sp.GetRequiredService<AmiClientHost>());
        services.AddSingleton<AsteriskAccess>();
        services.AddSingleton<IAsteriskStatusSource, AmiAsteriskStatusSource>();
        services.AddSingleton<ConfigApplyService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAsteriskApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/system/asterisk").WithTags("System");
        group.MapGet("/", GetAsync).RequireAuthorization(Policies.Supervisor).WithName("AsteriskStatus")
            .WithSummary("AMI state, version, uptime, modules, registered endpoints (live over AMI), and whether saved changes wait for an apply");
        group.MapPost("/reload", ReloadAsync).RequireAuthorization(Policies.Admin).WithName("ApplyAsteriskConfiguration")
            .WithSummary("Render the saved configuration, install it and reload the changed modules; reports each module; 503 asterisk_unavailable when AMI is not connected, lost or silent")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Ok<AsteriskSystemResponse>> GetAsync(
        PbxStore store, AsteriskAccess asterisk, IAsteriskStatusSource status, CancellationToken cancellationToken)
    {
        var state = await store.StateAsync(cancellationToken);
        AsteriskInfo? live = null;
        string? error = null;
        if (asterisk.Inspector is { } inspector && asterisk.Client?.Status.State == AmiConnectionState.Connected)
        {
            try
            {
                live = await inspector.GetInfoAsync(cancellationToken);
            }
            catch (Exception e) when (AsteriskFailures.IsAsteriskFailure(e))
            {
                // The status page still answers: what is stored, and why the live part is missing.
                error = AsteriskFailures.Describe(e);
            }
        }
        var last = state.LastApplyReport is { } json ? PbxJson.Deserialize<ApplyReport>(json) : null;
        return TypedResults.Ok(new AsteriskSystemResponse(status.GetAmiStatus(), state.PendingChanges, state.ChangedAt, state.AppliedAt, last, live, error));
    }

    private static async Task<Results<Ok<ApplyReport>, ProblemHttpResult>> ReloadAsync(
        ConfigApplyService apply, AsteriskAccess asterisk, HttpContext httpContext, Audit.AuditLog audit, CancellationToken cancellationToken)
    {
        if (asterisk.Manager is null)
            return ApiProblems.AsteriskUnavailable("AMI is not configured (AMI_USER, AMI_SECRET), so the configuration cannot be applied.");
        // AMI not connected, lost or silent during the apply: the apply throws after restoring the previous files and
        // recording the report, and ProblemExceptionHandler answers 503 asterisk_unavailable (Problems/AsteriskFailures).
        try
        {
            var report = await apply.ApplyAsync(cancellationToken);
            await audit.WriteAsync(httpContext, "asterisk.applied", null,
                new { report.Success, report.ChangedFiles, report.RolledBack }, cancellationToken);
            return TypedResults.Ok(report);
        }
        catch (PbxValidationException e)
        {
            return ApiProblems.Validation(e.Errors.ToDictionary());
        }
    }
}

using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Settings;

public static class SettingsApi
{
    public static IServiceCollection AddSettings(this IServiceCollection services) => services.AddSingleton<SettingsStore>();

    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings").WithTags("Settings").RequireAuthorization(Policies.Admin)
            .ProducesAuthProblems();
        group.MapGet("/", GetAsync).WithName("GetSettings").WithSummary("Company name, time zone and language");
        group.MapPut("/", UpdateAsync).ProducesInputProblems().WithName("UpdateSettings").WithSummary("Replace the settings (all fields required)");
        return app;
    }

    private static async Task<Ok<GeneralSettings>> GetAsync(SettingsStore settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, cancellationToken) ?? GeneralSettings.Defaults);

    private static async Task<Results<Ok<GeneralSettings>, ProblemHttpResult>> UpdateAsync(
        GeneralSettingsRequest request, HttpContext httpContext, SettingsStore settings, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var errors = GeneralSettings.Validate(request.CompanyName, request.TimeZone, request.Language);
        if (errors.Any) return errors.ToProblem();

        var before = await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, cancellationToken) ?? GeneralSettings.Defaults;
        var after = new GeneralSettings(request.CompanyName!.Trim(), request.TimeZone!, request.Language!);
        await settings.SetAsync(GeneralSettings.Key, after, httpContext.User.UserId(), cancellationToken);
        await audit.WriteAsync(httpContext, AuditActions.SettingsChanged, GeneralSettings.Key, new { before, after }, cancellationToken);
        return TypedResults.Ok(after);
    }
}

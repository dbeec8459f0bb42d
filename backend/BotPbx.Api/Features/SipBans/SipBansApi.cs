using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.SipBans;

/// <summary>
/// SIP brute-force protection (admin only): <c>/api/security/sip-bans</c> lists bans and lifts one,
/// <c>/api/security/sip-protection</c> reads and replaces the settings. docs/security.md explains the mechanism.
/// </summary>
public static class SipBansApi
{
    public static IServiceCollection AddSipBans(this IServiceCollection services)
    {
        services.AddSingleton<SipBanStore>();
        services.AddSingleton<SipBanService>();
        services.AddHostedService(sp => sp.GetRequiredService<SipBanService>());
        return services;
    }

    public static IEndpointRouteBuilder MapSipBansApi(this IEndpointRouteBuilder app)
    {
        var bans = app.MapGroup("/api/security/sip-bans").WithTags("Security").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        bans.MapGet("/", ListAsync).ProducesInputProblems().WithName("ListSipBans")
            .WithSummary("SIP bans, newest first: status=active (default) or all (also lifted and expired ones)");
        bans.MapDelete("/{id:long}", UnbanAsync).WithName("LiftSipBan")
            .WithSummary("Lift an active ban now: Asterisk accepts the address again at once; audited");

        var protection = app.MapGroup("/api/security/sip-protection").WithTags("Security").RequireAuthorization(Policies.Admin)
            .ProducesAuthProblems();
        protection.MapGet("/", GetSettingsAsync).WithName("GetSipProtection")
            .WithSummary("Threshold, window, ban duration and the allow-list of addresses never banned");
        protection.MapPut("/", UpdateSettingsAsync).ProducesInputProblems().WithName("UpdateSipProtection")
            .WithSummary("Replace the settings (all fields required); bans of addresses now allow-listed are lifted");
        return app;
    }

    private static async Task<Results<Ok<ListResponse<SipBan>>, ProblemHttpResult>> ListAsync(
        SipBanStore store, TimeProvider time, string? status, string? search, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (status is not (null or "active" or "all")) return ApiProblems.Validation("status", "must be active or all");
        var page = ListQuery.Validate(search, limit, offset);
        var (items, total) = await store.ListAsync(status != "all", page.LikePattern, page.Limit, page.Offset, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new ListResponse<SipBan>(items, total));
    }

    private static async Task<Results<Ok<SipBan>, ProblemHttpResult>> UnbanAsync(
        long id, SipBanService service, AuditLog audit, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var ban = await service.UnbanAsync(id, httpContext.User.UserId(), cancellationToken);
        if (ban is null) return ApiProblems.NotFound("There is no active SIP ban with this id.");
        await audit.WriteAsync(httpContext, AuditActions.SipUnbanned, ban.Address, new { ban.Id, ban.BannedAt, ban.ExpiresAt }, cancellationToken);
        return TypedResults.Ok(ban);
    }

    private static async Task<Ok<SipProtectionSettings>> GetSettingsAsync(SipBanService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetSettingsAsync(cancellationToken));

    private static async Task<Results<Ok<SipProtectionSettings>, ProblemHttpResult>> UpdateSettingsAsync(
        SipProtectionSettingsRequest request, SipBanService service, AuditLog audit, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var (after, errors) = SipProtectionSettings.Validate(request);
        if (after is null) return errors.ToProblem();
        var before = await service.GetSettingsAsync(cancellationToken);
        var lifted = await service.UpdateSettingsAsync(after, httpContext.User.UserId(), cancellationToken);
        await audit.WriteAsync(httpContext, AuditActions.SettingsChanged, SipProtectionSettings.Key, new { before, after }, cancellationToken);
        foreach (var ban in lifted)
        {
            await audit.WriteAsync(httpContext, AuditActions.SipBanAllowListed, ban.Address, new { ban.Id, ban.BannedAt, ban.ExpiresAt }, cancellationToken);
        }
        return TypedResults.Ok(after);
    }
}

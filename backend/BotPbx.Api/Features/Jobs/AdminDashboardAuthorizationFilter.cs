using BotPbx.Api.Features.Auth;
using Hangfire.Dashboard;

namespace BotPbx.Api.Features.Jobs;

/// <summary>
/// The Hangfire dashboard is for admins only. The user comes from the product's own authentication (session cookie in a
/// browser, or a bearer token); Hangfire answers 401 when nobody is signed in and 403 to a signed-in non-admin.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}

using BotPbx.Api.Configuration;
using BotPbx.Api.Problems;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// CSRF defence in depth beside the <c>SameSite=Strict</c> cookie. SameSite does not separate sites that share a
/// registrable domain (another app on the same host or a sibling subdomain is "same-site"), and body-less POSTs and
/// multipart uploads need no CORS preflight, so a state-changing request that a browser could send with the session
/// cookie must show that a page of this origin sent it:
/// <list type="bullet">
/// <item><c>Sec-Fetch-Site</c> (set by the browser, no script can forge it): only <c>same-origin</c> or <c>none</c>
/// (typed by the user) pass;</item>
/// <item>otherwise <c>Origin</c>: only this service's own origin or a configured <see cref="AuthOptions.TrustedOrigins"/>
/// entry passes (<c>null</c> never does);</item>
/// <item>neither header: not a browser (curl, scripts), which cannot be made to carry a victim's cookie — allowed.</item>
/// </list>
/// Requests with <c>Authorization: Bearer</c> are skipped: the bearer scheme ignores the cookie, and a page of another
/// site cannot add that header without a CORS preflight this service never grants. Safe methods are skipped.
/// </summary>
public static class CrossSiteRequestGuard
{
    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsAllowed(context.Request, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.TrustedOrigins))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ApiProblems.Details(StatusCodes.Status403Forbidden, ProblemCodes.CrossSiteRequest, "Forbidden",
                "This request came from a page of another site. Use the BotPBX web UI, or send a bearer token."),
        });
    });

    public static bool IsAllowed(HttpRequest request, IEnumerable<string> trustedOrigins)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trustedOrigins);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
            HttpMethods.IsTrace(request.Method))
        {
            return true;
        }
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return true;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        var own = request.Scheme + "://" + request.Host.Value;
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || trustedOrigins.Any(t => string.Equals(origin, t.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}

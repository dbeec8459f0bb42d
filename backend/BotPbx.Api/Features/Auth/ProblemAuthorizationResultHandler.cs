using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BotPbx.Api.Features.Auth;

/// <summary>Answers 401 and 403 with problem details instead of the schemes' empty bodies or cookie redirects.</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        // A token whose session was revoked authenticates (it decrypts) but yields an anonymous principal
        // (SessionClaimsTransformation); the framework calls that "forbidden", but the caller is not signed in.
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (authorizeResult.Challenged || (authorizeResult.Forbidden && !signedIn))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ApiProblems.Details(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
                    "Unauthorized", "Sign in first: send a bearer token or the session cookie."),
            });
            return;
        }
        if (authorizeResult.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ApiProblems.Details(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                    "Forbidden", "Your role does not allow this."),
            });
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

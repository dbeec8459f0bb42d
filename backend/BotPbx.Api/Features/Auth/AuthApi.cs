using System.Globalization;
using System.Security.Claims;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Users;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().ProducesInputProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Login").WithSummary("Sign in: returns a bearer token and sets the botpbx_session cookie");
        // Public so that a browser holding an expired or revoked cookie can still get rid of it.
        group.MapPost("/logout", LogoutAsync).AllowAnonymous()
            .WithName("Logout").WithSummary("Revoke the current session (if any) and clear the cookie");
        group.MapGet("/me", Me).RequireAuthorization(Policies.Agent).ProducesAuthProblems()
            .WithName("Me").WithSummary("The signed-in user");
        group.MapPut("/password", ChangePasswordAsync).RequireAuthorization(Policies.Agent).ProducesAuthProblems()
            .ProducesInputProblems()
            .WithName("ChangePassword").WithSummary("Change your own password; signs out your other sessions");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext httpContext, UserStore users, UserPasswordHasher hasher, SessionIssuer issuer,
        LoginRateLimiter limiter, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("email", request.Email);
        errors.MaxLength("email", request.Email, EmailAddress.MaxLength);
        errors.Required("password", request.Password);
        errors.MaxLength("password", request.Password, Passwords.MaxLength);
        if (errors.Any) return errors.ToProblem();

        var account = UserStore.NormaliseEmail(request.Email!);
        var ip = ClientIp.Of(httpContext);
        // Reserved before the password is checked, so parallel guesses are counted as they arrive.
        var attempt = limiter.Reserve(account, ip);
        if (!attempt.Allowed)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            // One row per lockout window: refused attempts cost the attacker nothing, so they must not fill the audit log.
            if (attempt.FirstRefusalInWindow)
                await audit.WriteAsync(new AuditEntry(AuditActions.LoginRateLimited, null, null, account, ip), cancellationToken);
            return ApiProblems.RateLimited($"Too many failed sign-in attempts. Try again in {seconds} seconds.");
        }

        var user = await users.FindByEmailAsync(account, cancellationToken);
        var check = hasher.Verify(user?.PasswordHash, request.Password!);
        if (user is null || user.Disabled || check == PasswordCheck.Wrong)
        {
            var reason = user is null ? "unknown_email" : check == PasswordCheck.Wrong ? "wrong_password" : "disabled";
            await audit.WriteAsync(new AuditEntry(AuditActions.LoginFailed, user?.Id, null, account, ip, new { reason }),
                cancellationToken);
            return ApiProblems.InvalidCredentials();
        }
        attempt.Succeeded();
        if (check == PasswordCheck.CorrectButRehash)
        {
            await users.SetPasswordHashAsync(user.Id, hasher.Hash(request.Password!), cancellationToken);
        }

        var (token, expiresAt) = await issuer.StartAsync(httpContext, user.Id, cancellationToken);
        await users.RecordLoginAsync(user.Id, cancellationToken);
        await audit.WriteAsync(new AuditEntry(AuditActions.LoginSucceeded, user.Id, user.Email, user.Email, ip), cancellationToken);
        return TypedResults.Ok(new LoginResponse(token, expiresAt, new MeResponse(user.Id, user.Email, user.Name, user.Role)));
    }

    private static async Task<NoContent> LogoutAsync(
        HttpContext httpContext, SessionStore sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        await httpContext.SignOutAsync(AuthSchemes.Cookie);
        if (httpContext.User.Identity?.IsAuthenticated == true && httpContext.User.SessionId() is { } sessionId)
        {
            await sessions.RevokeAsync(sessionId, cancellationToken);
            await audit.WriteAsync(httpContext, AuditActions.Logout, httpContext.User.FindFirstValue(ClaimTypes.Email), null,
                cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
        user.RequiredUserId(),
        user.FindFirstValue(ClaimTypes.Email) ?? "",
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        user.FindFirstValue(ClaimTypes.Role) ?? ""));

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext httpContext, UserStore users, UserPasswordHasher hasher,
        SessionStore sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("currentPassword", request.CurrentPassword);
        Passwords.Validate(errors, "newPassword", request.NewPassword);
        if (errors.Has("currentPassword")) return errors.ToProblem();

        var userId = httpContext.User.RequiredUserId();
        var user = await users.FindAsync(userId, cancellationToken);
        if (user is null) return ApiProblems.NotFound("Your account no longer exists.");
        if (hasher.Verify(user.PasswordHash, request.CurrentPassword!) == PasswordCheck.Wrong)
        {
            errors.Add("currentPassword", "is incorrect");
        }
        if (errors.Any) return errors.ToProblem();

        await users.SetPasswordHashAsync(userId, hasher.Hash(request.NewPassword!), cancellationToken);
        var revoked = await sessions.RevokeAllAsync(userId, httpContext.User.SessionId(), cancellationToken);
        await audit.WriteAsync(httpContext, AuditActions.PasswordChanged, user.Email, new { otherSessionsRevoked = revoked },
            cancellationToken);
        return TypedResults.NoContent();
    }
}

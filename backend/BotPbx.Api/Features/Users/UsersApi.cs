using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Users;

public static class UsersApi
{
    public static IServiceCollection AddUsers(this IServiceCollection services) =>
        services.AddSingleton<UserStore>().AddSingleton<UserAdministration>();

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin)
            .ProducesAuthProblems();
        group.MapGet("/", ListAsync).ProducesInputProblems().WithName("ListUsers").WithSummary("Users, filtered by e-mail or name");
        group.MapPost("/", CreateAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status409Conflict).WithName("CreateUser")
            .WithSummary("Create a user; without a password the server generates one and returns it once");
        group.MapGet("/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetUser").WithSummary("One user");
        group.MapPut("/{id:long}", UpdateAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateUser")
            .WithSummary("Change e-mail, name, role or disabled; the last active admin stays an admin");
        group.MapDelete("/{id:long}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("DeleteUser").WithSummary("Delete a user (not yourself)");
        group.MapPost("/{id:long}/reset-password", ResetPasswordAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResetUserPassword")
            .WithSummary("Generate a new password (returned once) and sign the user out everywhere");
        return app;
    }

    private static async Task<Ok<ListResponse<UserResponse>>> ListAsync(
        UserStore users, string? search, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var (items, total) = await users.ListAsync(ListQuery.Validate(search, limit, offset), cancellationToken);
        return TypedResults.Ok(new ListResponse<UserResponse>(items.Select(u => u.ToResponse()).ToList(), total));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(
        long id, UserStore users, CancellationToken cancellationToken) =>
        await users.FindAsync(id, cancellationToken) is { } user
            ? TypedResults.Ok(user.ToResponse())
            : ApiProblems.NotFound("No user with this id.");

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, HttpContext httpContext, UserStore users, UserPasswordHasher hasher, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var errors = UserValidation.Validate(request.Email, request.Name, request.Role);
        if (request.Password is not null) Passwords.Validate(errors, "password", request.Password);
        if (errors.Any) return errors.ToProblem();

        var generated = request.Password is null ? Passwords.Generate() : null;
        var user = await users.CreateAsync(request.Email!, request.Name?.Trim() ?? "", request.Role!,
            hasher.Hash(request.Password ?? generated!), cancellationToken);
        if (user is null) return ApiProblems.Conflict("A user with this e-mail address already exists.");

        await audit.WriteAsync(httpContext, AuditActions.UserCreated, user.Email,
            new { id = user.Id, role = user.Role, passwordGenerated = generated is not null }, cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", CreatedUserResponse.From(user.ToResponse(), generated));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        long id, UpdateUserRequest request, HttpContext httpContext, UserAdministration administration,
        CancellationToken cancellationToken)
    {
        var errors = UserValidation.Validate(request.Email, request.Name, request.Role);
        errors.Check(request.Disabled is not null, "disabled", "is required");
        if (errors.Any) return errors.ToProblem();
        return await administration.UpdateAsync(httpContext, id, request, cancellationToken);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, HttpContext httpContext, UserAdministration administration, CancellationToken cancellationToken) =>
        administration.DeleteAsync(httpContext, id, cancellationToken);

    private static async Task<Results<Ok<ResetPasswordResponse>, ProblemHttpResult>> ResetPasswordAsync(
        long id, HttpContext httpContext, UserStore users, UserPasswordHasher hasher, SessionStore sessions, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(id, cancellationToken);
        if (user is null) return ApiProblems.NotFound("No user with this id.");
        var password = Passwords.Generate();
        await users.SetPasswordHashAsync(id, hasher.Hash(password), cancellationToken);
        var revoked = await sessions.RevokeAllAsync(id, keep: null, cancellationToken);
        await audit.WriteAsync(httpContext, AuditActions.UserPasswordReset, user.Email, new { id, sessionsRevoked = revoked },
            cancellationToken);
        return TypedResults.Ok(new ResetPasswordResponse(password));
    }
}

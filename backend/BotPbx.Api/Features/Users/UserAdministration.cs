using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Data;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace BotPbx.Api.Features.Users;

/// <summary>
/// Changes to users that must keep the system administrable: at least one active admin always remains, and nobody
/// deletes themself. The active admins' rows are locked for the check, so two concurrent requests cannot each
/// remove "the other" last admin.
/// </summary>
public sealed class UserAdministration(IDbConnectionFactory database, SessionStore sessions, AuditLog audit)
{
    public async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        HttpContext httpContext, long id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(request);
        var disabled = request.Disabled!.Value;
        UserRecord before;
        UserRecord after;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var activeAdmins = await UserStore.LockActiveAdminsAsync(connection, transaction, cancellationToken);
            if (await UserStore.FindAsync(connection, transaction, id, lockRow: true, cancellationToken) is not { } found)
            {
                return ApiProblems.NotFound("No user with this id.");
            }
            before = found;
            var losesAdmin = activeAdmins.Contains(id) && (request.Role != Roles.Admin || disabled);
            if (losesAdmin && activeAdmins.Count == 1)
            {
                return ApiProblems.Conflict("This is the last active administrator; make another user an admin first.");
            }
            try
            {
                after = await connection.QuerySingleAsync<UserRecord>(new CommandDefinition(
                    """
                    UPDATE users SET email = @email, name = @name, role = @role, disabled = @disabled, updated_at = now()
                    WHERE id = @id
                    RETURNING id, email, name, role, password_hash, disabled, created_at, last_login_at
                    """,
                    new { id, email = UserStore.NormaliseEmail(request.Email!), name = request.Name?.Trim() ?? "", role = request.Role, disabled },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return ApiProblems.Conflict("A user with this e-mail address already exists.");
            }
            await transaction.CommitAsync(cancellationToken);
        }

        if (after.Disabled && !before.Disabled)
        {
            await sessions.RevokeAllAsync(id, keep: null, cancellationToken);
        }
        else
        {
            // The role and e-mail are read from the database on each request; drop cached copies now.
            await sessions.ForgetCachedAsync(id, cancellationToken);
        }
        await audit.WriteAsync(httpContext, AuditActions.UserUpdated, after.Email, new
        {
            id,
            changed = Changes(before, after),
        }, cancellationToken);
        if (before.Role != after.Role)
        {
            await audit.WriteAsync(httpContext, AuditActions.UserRoleChanged, after.Email,
                new { id, from = before.Role, to = after.Role }, cancellationToken);
        }
        return TypedResults.Ok(after.ToResponse());
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext httpContext, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.User.UserId() == id)
        {
            return ApiProblems.Conflict("You cannot delete your own account.");
        }
        UserRecord deleted;
        List<Guid> revoked;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var activeAdmins = await UserStore.LockActiveAdminsAsync(connection, transaction, cancellationToken);
            if (await UserStore.FindAsync(connection, transaction, id, lockRow: true, cancellationToken) is not { } found)
            {
                return ApiProblems.NotFound("No user with this id.");
            }
            if (activeAdmins.Contains(id) && activeAdmins.Count == 1)
            {
                return ApiProblems.Conflict("This is the last active administrator.");
            }
            deleted = found;
            revoked = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "UPDATE sessions SET revoked_at = now() WHERE user_id = @id AND revoked_at IS NULL RETURNING id", new { id },
                transaction, cancellationToken: cancellationToken))).ToList();
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @id", new { id }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        // The sessions went with the user; evict cached checks of them so they stop working at once.
        sessions.Evict(revoked);
        await audit.WriteAsync(httpContext, AuditActions.UserDeleted, deleted.Email, new { id, role = deleted.Role }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static List<string> Changes(UserRecord before, UserRecord after)
    {
        var changed = new List<string>();
        if (before.Email != after.Email) changed.Add("email");
        if (before.Name != after.Name) changed.Add("name");
        if (before.Role != after.Role) changed.Add("role");
        if (before.Disabled != after.Disabled) changed.Add("disabled");
        return changed;
    }
}

using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Data;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Users;

/// <summary>SQL for <c>users</c>. E-mail addresses are stored trimmed and lower-case.</summary>
public sealed class UserStore(IDbConnectionFactory database)
{
    private const string Columns = "id, email, name, role, password_hash, disabled, created_at, last_login_at";

    public static string NormaliseEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    public async Task<UserRecord?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE lower(email) = @email", new { email = NormaliseEmail(email) },
            cancellationToken: cancellationToken));
    }

    public async Task<UserRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id, lockRow: false, cancellationToken);
    }

    public static Task<UserRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, bool lockRow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @id" + (lockRow ? " FOR UPDATE" : ""), new { id }, transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<(IReadOnlyList<UserRecord> Items, long Total)> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string filter = "WHERE @pattern::text IS NULL OR email ILIKE @pattern OR name ILIKE @pattern";
        var parameters = new { pattern = query.LikePattern, limit = query.Limit, offset = query.Offset };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM users {filter}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<UserRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM users {filter} ORDER BY email LIMIT @limit OFFSET @offset", parameters,
            cancellationToken: cancellationToken));
        return (items.ToList(), total);
    }

    /// <returns>Null when the e-mail address is taken.</returns>
    public async Task<UserRecord?> CreateAsync(string email, string name, string role, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleAsync<UserRecord>(new CommandDefinition(
                $"""
                 INSERT INTO users (email, name, role, password_hash)
                 VALUES (@email, @name, @role, @passwordHash)
                 RETURNING {Columns}
                 """,
                new { email = NormaliseEmail(email), name, role, passwordHash }, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    public async Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @passwordHash, updated_at = now() WHERE id = @id",
            new { id, passwordHash }, cancellationToken: cancellationToken));
    }

    public async Task RecordLoginAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET last_login_at = now() WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Locks the active administrators' rows, so two concurrent demotions cannot both pass the last-admin check.</summary>
    public static async Task<IReadOnlyList<long>> LockActiveAdminsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM users WHERE role = @admin AND NOT disabled ORDER BY id FOR UPDATE",
            new { admin = Roles.Admin }, transaction, cancellationToken: cancellationToken));
        return ids.ToList();
    }
}

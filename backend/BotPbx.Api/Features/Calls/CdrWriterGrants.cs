using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// Gives Asterisk's CDR role the one privilege it needs: INSERT into cdr_raw (and the sequence behind raw_id). The
/// role itself is created by the installer (a superuser's job: BotPBX's own role cannot create roles); BotPBX owns
/// the table, so it grants. Idempotent; run at every start, after the migrations.
/// </summary>
public static class CdrWriterGrants
{
    /// <returns>False when the role does not exist (the call log then stays empty; the log says why).</returns>
    public static async Task<bool> EnsureAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!BotPbx.Telephony.Validation.Rules.SqlIdentifier.IsMatch(role)) throw new ArgumentException("not a role name: " + role, nameof(role));
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", new { role }, cancellationToken: cancellationToken));
        if (!exists) return false;
        // The name was checked against [a-z_][a-z0-9_]*, and is quoted as well.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            GRANT INSERT ON TABLE cdr_raw TO "{role}";
            GRANT USAGE ON SEQUENCE cdr_raw_raw_id_seq TO "{role}";
            """, cancellationToken: cancellationToken));
        return true;
    }
}

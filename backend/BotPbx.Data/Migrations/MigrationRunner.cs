using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BotPbx.Data.Migrations;

/// <summary>
/// Brings the schema up to date. Everything happens in one transaction that first takes a transaction-scoped
/// advisory lock, so two processes starting at once apply each migration exactly once (the second waits, then finds
/// nothing to do), and a failing migration leaves the database as it was.
/// Migrations therefore must not use statements that refuse to run in a transaction (CREATE INDEX CONCURRENTLY, …).
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    /// <summary>"BotPbxMg" — a fixed key, shared by every BotPBX process using the database.</summary>
    public const long AdvisoryLockKey = 0x426F7450_62784D67;

    public const string HistoryTable = "schema_migrations";

    /// <returns>The names of the migrations this call applied (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = MigrationDiscovery.Order(migrations);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             CREATE TABLE IF NOT EXISTS {HistoryTable} (
                 name        text        PRIMARY KEY,
                 checksum    text        NOT NULL,
                 applied_at  timestamptz NOT NULL DEFAULT now()
             )
             """, transaction: transaction, cancellationToken: cancellationToken));

        var applied = (await connection.QueryAsync<(string Name, string Checksum)>(new CommandDefinition(
                $"SELECT name, checksum FROM {HistoryTable}", transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Name, row => row.Checksum, StringComparer.Ordinal);

        foreach (var migration in ordered)
        {
            if (applied.TryGetValue(migration.Name, out var checksum) && checksum != migration.Checksum)
            {
                throw new MigrationException(
                    $"Migration {migration.Name} was applied with checksum {checksum}, but the shipped file now has " +
                    $"checksum {migration.Checksum}. An applied migration must never be edited; add a new migration instead.");
            }
        }
        var known = ordered.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in applied.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal))
        {
            LogUnknownMigration(name);
        }

        var pending = ordered.Where(m => !applied.ContainsKey(m.Name)).ToList();
        foreach (var migration in pending)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException e)
            {
                throw new MigrationException($"Migration {migration.Name} failed: {e.SqlState}: {e.MessageText}", e);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {HistoryTable} (name, checksum) VALUES (@Name, @Checksum)",
                new { migration.Name, migration.Checksum }, transaction, cancellationToken: cancellationToken));
            LogApplied(migration.Name);
        }
        await transaction.CommitAsync(cancellationToken);
        return pending.Select(m => m.Name).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    private partial void LogApplied(string name);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The database has migration {Name} applied, which this version does not know (was it downgraded?)")]
    private partial void LogUnknownMigration(string name);
}

using System.Globalization;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Telephony.Common;

public sealed partial class PbxStore
{
    public const string SipKey = "sip";
    public const string FeatureCodesKey = "featureCodes";

    /// <summary>Creates (<paramref name="id"/> null) or replaces an object after validating it against everything else.</summary>
    public async Task<PbxWriteResult<T>> SaveAsync<T>(PbxTable<T> table, long? id, Func<T?, T> build, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(build);
        return await InLockAsync(async (connection, transaction) =>
        {
            var config = await LoadAsync(connection, transaction, cancellationToken);
            var all = table.All(config);
            var existing = id is { } i ? all.FirstOrDefault(o => table.GetId(o) == i) : null;
            if (id is not null && existing is null) return new PbxWriteResult<T>(default, NotFound: true);

            // A new object gets a placeholder id that no row has, until the database assigns the real one.
            var candidate = table.WithId(build(existing), id ?? long.MaxValue);
            // In place for an update, appended for a create: other objects keep their index in validator keys.
            var index = existing is null ? all.Count : all.ToList().FindIndex(o => table.GetId(o) == id);
            var list = all.ToList();
            if (existing is null) list.Add(candidate);
            else list[index] = candidate;
            var proposed = table.Replace(config, list);
            var errors = new ValidationErrors();
            table.Validate(candidate, errors, new PbxReferences(proposed));
            if (!errors.IsValid) return new PbxWriteResult<T>(default, Errors: errors.ToDictionary());
            if (NewWholeConfigurationErrors(config, proposed, table.Collection, index) is { Count: > 0 } clashes)
                return new PbxWriteResult<T>(default, Errors: clashes);

            // A renamed MOH class would strand the queues and rooms that name it.
            if (existing is not null && table.Kind is { } kind && table.KeyOf(existing) != table.KeyOf(candidate) &&
                PbxReferrers.Find(config, kind, table.KeyOf(existing)) is { Count: > 0 } users)
                return new PbxWriteResult<T>(default, Conflict: $"The {table.Noun} is used by {string.Join(", ", users)}; its name cannot change.");
            // A renumbered queue would strand the live IVR flows that transfer to its old number.
            if (existing is not null && table.NumberOf is { } numberOf && numberOf(existing) != numberOf(candidate) &&
                await NumberUsersAsync(table, existing, cancellationToken) is { Count: > 0 } dialling)
                return new PbxWriteResult<T>(default, Conflict: $"The {table.Noun} is used by {string.Join(", ", dialling)}; its number cannot change.");

            var savedId = await WriteRowAsync(connection, transaction, table, candidate, id, cancellationToken);
            if (savedId is null) return new PbxWriteResult<T>(default, Conflict: $"Another {table.Noun} already has this name or number.");
            await MarkPendingAsync(connection, transaction, cancellationToken);
            return new PbxWriteResult<T>(table.WithId(candidate, savedId.Value));
        }, cancellationToken);
    }

    /// <summary>
    /// Errors the whole-configuration validator finds in <paramref name="proposed"/> but not in <paramref name="current"/>
    /// (clashes between objects, such as two inbound routes for the same DID), so a save never leaves the PBX in a
    /// state that apply would refuse. The saved object's own keys lose their <c>collection[i].</c> prefix.
    /// </summary>
    private static Dictionary<string, string[]> NewWholeConfigurationErrors(PbxConfiguration current, PbxConfiguration proposed,
        string collection, int index)
    {
        var before = PbxValidator.Validate(current).ToDictionary();
        var own = collection + "[" + index.ToString(CultureInfo.InvariantCulture) + "].";
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in PbxValidator.Validate(proposed).ToDictionary())
        {
            var added = messages.Except(before.GetValueOrDefault(key) ?? [], StringComparer.Ordinal).ToArray();
            if (added.Length == 0) continue;
            result[key.StartsWith(own, StringComparison.Ordinal) ? key[own.Length..] : key] = added;
        }
        return result;
    }

    /// <summary>Deletes an object nothing points at; otherwise a conflict naming what does.</summary>
    public async Task<PbxWriteResult<T>> DeleteAsync<T>(PbxTable<T> table, long id, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return await InLockAsync(async (connection, transaction) =>
        {
            var config = await LoadAsync(connection, transaction, cancellationToken);
            var existing = table.All(config).FirstOrDefault(o => table.GetId(o) == id);
            if (existing is null) return new PbxWriteResult<T>(default, NotFound: true);
            if (table.Kind is { } kind && PbxReferrers.Find(config, kind, table.KeyOf(existing))
                    .Concat(await NumberUsersAsync(table, existing, cancellationToken)).ToList() is { Count: > 0 } users)
                return new PbxWriteResult<T>(default, Conflict: $"The {table.Noun} is used by {string.Join(", ", users)}.");
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table.Table} WHERE id = @id", new { id }, transaction,
                cancellationToken: cancellationToken));
            await MarkPendingAsync(connection, transaction, cancellationToken);
            return new PbxWriteResult<T>(existing);
        }, cancellationToken);
    }

    /// <summary>What other features (live IVR flows) dial this object's number with; empty for kinds without a number.</summary>
    private async Task<IReadOnlyList<string>> NumberUsersAsync<T>(PbxTable<T> table, T item, CancellationToken cancellationToken) where T : class
    {
        if (table.Kind is not { } kind || table.NumberOf is not { } numberOf) return [];
        var found = new List<string>();
        foreach (var users in numberUsers) found.AddRange(await users.FindAsync(kind, numberOf(item), cancellationToken));
        return found;
    }

    /// <summary>Replaces a singleton (SIP settings, feature codes) after validation.</summary>
    public async Task<PbxWriteResult<T>> SaveSettingAsync<T>(string key, T value, Action<T, ValidationErrors> validate, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(validate);
        var errors = new ValidationErrors();
        validate(value, errors);
        if (!errors.IsValid) return new PbxWriteResult<T>(default, Errors: errors.ToDictionary());
        return await InLockAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO pbx_settings (key, data) VALUES (@key, CAST(@data AS jsonb))
                ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = now()
                """, new { key, data = PbxJson.Serialize(value) }, transaction, cancellationToken: cancellationToken));
            await MarkPendingAsync(connection, transaction, cancellationToken);
            return new PbxWriteResult<T>(value);
        }, cancellationToken);
    }

    public async Task<T?> SettingAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SettingAsync<T>(connection, null, key, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction holding the PBX write lock; commits unless it returned an error result.</summary>
    public async Task<TResult> InLockAsync<TResult>(Func<NpgsqlConnection, NpgsqlTransaction, Task<TResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = WriteLock }, transaction,
            cancellationToken: cancellationToken));
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<T?> SettingAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
        where T : class
    {
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT data::text FROM pbx_settings WHERE key = @key", new { key }, transaction, cancellationToken: cancellationToken));
        return json is null ? null : PbxJson.Deserialize<T>(json);
    }

    private static async Task<long?> WriteRowAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, PbxTable<T> table, T value,
        long? id, CancellationToken cancellationToken) where T : class
    {
        var parameters = new DynamicParameters();
        var values = table.Columns(value);
        for (var i = 0; i < table.ColumnNames.Length; i++) parameters.Add("c" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        parameters.Add("data", PbxJson.Serialize(value));
        var placeholders = table.ColumnNames.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        string sql;
        if (id is null)
        {
            sql = $"INSERT INTO {table.Table} ({string.Join(", ", table.ColumnNames)}, data) " +
                  $"VALUES ({string.Join(", ", placeholders)}, CAST(@data AS jsonb)) RETURNING id";
        }
        else
        {
            parameters.Add("id", id.Value);
            var sets = table.ColumnNames.Select((c, i) => c + " = " + placeholders[i]);
            sql = $"UPDATE {table.Table} SET {string.Join(", ", sets)}, data = CAST(@data AS jsonb), updated_at = now() WHERE id = @id RETURNING id";
        }
        // A savepoint keeps the transaction usable when a unique index refuses the row.
        await transaction.SaveAsync("row", cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("row", cancellationToken);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The only foreign key is an extension's user (users are not part of the PBX snapshot).
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["userId"] = ["does not exist"] });
        }
    }
}

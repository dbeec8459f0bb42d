using BotPbx.Data;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Ivr;

/// <summary>A row of <c>ivrs</c>; <see cref="Draft"/> is the flow JSON text.</summary>
public sealed class IvrRecord
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Draft { get; init; } = "";
    public DateTimeOffset DraftUpdatedAt { get; init; }
    public int? PublishedVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A row of <c>ivr_versions</c>; <see cref="Flow"/> is empty when listed without flows.</summary>
public sealed class IvrVersionRecord
{
    public long IvrId { get; init; }
    public int Version { get; init; }
    public string Flow { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public long? PublishedBy { get; init; }
}

/// <summary>SQL for <c>ivrs</c> and <c>ivr_versions</c>. Flows are stored as jsonb exactly as the builder sent them.</summary>
public sealed class IvrStore(IDbConnectionFactory database)
{
    private const string Columns = "id, name, draft::text AS draft, draft_updated_at, published_version, created_at, updated_at";

    public async Task<(IReadOnlyList<IvrRecord> Items, long Total)> ListAsync(Problems.ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string filter = "WHERE @pattern::text IS NULL OR name ILIKE @pattern";
        var parameters = new { pattern = query.LikePattern, limit = query.Limit, offset = query.Offset };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ivrs {filter}", parameters,
            cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<IvrRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM ivrs {filter} ORDER BY lower(name), id LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return (items.ToList(), total);
    }

    public async Task<IvrRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IvrRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM ivrs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <returns>Null when the name is taken.</returns>
    public async Task<IvrRecord?> CreateAsync(string name, string draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleAsync<IvrRecord>(new CommandDefinition(
                $"INSERT INTO ivrs (name, draft) VALUES (@name, @draft::jsonb) RETURNING {Columns}", new { name, draft },
                cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    /// <returns>The saved IVR; null when it does not exist. Throws <see cref="DuplicateIvrNameException"/> for a taken name.</returns>
    public async Task<IvrRecord?> SaveDraftAsync(long id, string name, string draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleOrDefaultAsync<IvrRecord>(new CommandDefinition(
                $"""
                 UPDATE ivrs SET name = @name, draft = @draft::jsonb, draft_updated_at = now(), updated_at = now()
                 WHERE id = @id RETURNING {Columns}
                 """, new { id, name, draft }, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateIvrNameException(name);
        }
    }

    /// <summary>Names of other IVRs whose draft or live version jumps to <paramref name="id"/> with a goToIvr node.</summary>
    public async Task<IReadOnlyList<string>> ReferencingAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT i.name FROM ivrs i
            LEFT JOIN ivr_versions v ON v.ivr_id = i.id AND v.version = i.published_version
            WHERE i.id <> @id AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(i.draft->'nodes', '[]') || coalesce(v.flow->'nodes', '[]')) n
                WHERE n->>'type' = 'goToIvr' AND n->'data'->>'ivrId' = @idText)
            ORDER BY lower(i.name)
            """, new { id, idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken));
        return names.ToList();
    }

    /// <summary>Every IVR's id, name and live version (for the PBX destination pickers), by name.</summary>
    public async Task<IReadOnlyList<IvrRecord>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<IvrRecord>(new CommandDefinition(
            "SELECT id, name, published_version FROM ivrs ORDER BY lower(name), id", cancellationToken: cancellationToken));
        return items.ToList();
    }

    /// <summary>
    /// IVRs whose live version has a transfer node to <paramref name="transferKind"/> <paramref name="number"/>, or (with
    /// <paramref name="mailbox"/>) a voicemail node for that mailbox; <paramref name="general"/> says the "general"
    /// mailbox is that number too.
    /// </summary>
    public async Task<IReadOnlyList<IvrRecord>> LiveFlowsDiallingAsync(string transferKind, string number, bool mailbox, bool general,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<IvrRecord>(new CommandDefinition(
            """
            SELECT i.id, i.name, i.published_version FROM ivrs i
            JOIN ivr_versions v ON v.ivr_id = i.id AND v.version = i.published_version
            WHERE EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(v.flow->'nodes', '[]')) n
                WHERE (n->>'type' = 'transfer' AND n->'data'->'destination'->>'kind' = @transferKind
                       AND n->'data'->'destination'->>'target' = @number)
                   OR (@mailbox AND n->>'type' = 'voicemail'
                       AND (n->'data'->>'mailbox' = @number OR (@general AND n->'data'->>'mailbox' = 'general'))))
            ORDER BY lower(i.name), i.id
            """, new { transferKind, number, mailbox, general }, cancellationToken: cancellationToken));
        return items.ToList();
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ivrs WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Makes <paramref name="flow"/> (the draft that was validated) the next version and the live one, under a row lock
    /// so two publishes cannot take the same number. Null when the IVR is gone.
    /// </summary>
    public async Task<IvrVersionRecord?> PublishAsync(long id, string flow, long? userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM ivrs WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        if (exists is null) return null;
        var version = await connection.QuerySingleAsync<IvrVersionRecord>(new CommandDefinition(
            """
            INSERT INTO ivr_versions (ivr_id, version, flow, published_by)
            VALUES (@id, (SELECT coalesce(max(version), 0) + 1 FROM ivr_versions WHERE ivr_id = @id), @flow::jsonb, @userId)
            RETURNING ivr_id, version, flow::text AS flow, published_at, published_by
            """, new { id, flow, userId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ivrs SET published_version = @version, updated_at = now() WHERE id = @id", new { id, version = version.Version }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<IReadOnlyList<IvrVersionRecord>> ListVersionsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var versions = await connection.QueryAsync<IvrVersionRecord>(new CommandDefinition(
            "SELECT ivr_id, version, '' AS flow, published_at, published_by FROM ivr_versions WHERE ivr_id = @id ORDER BY version DESC",
            new { id }, cancellationToken: cancellationToken));
        return versions.ToList();
    }

    public async Task<IvrVersionRecord?> FindVersionAsync(long id, int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IvrVersionRecord>(new CommandDefinition(
            "SELECT ivr_id, version, flow::text AS flow, published_at, published_by FROM ivr_versions WHERE ivr_id = @id AND version = @version",
            new { id, version }, cancellationToken: cancellationToken));
    }

    /// <summary>The live version for a new call (one query: the IVR's published_version joined to its row).</summary>
    public async Task<IvrVersionRecord?> FindPublishedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IvrVersionRecord>(new CommandDefinition(
            """
            SELECT v.ivr_id, v.version, v.flow::text AS flow, v.published_at, v.published_by
            FROM ivrs i JOIN ivr_versions v ON v.ivr_id = i.id AND v.version = i.published_version
            WHERE i.id = @id
            """, new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Which of <paramref name="ids"/> name existing IVRs.</summary>
    public async Task<IReadOnlySet<long>> ExistingAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM ivrs WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return found.ToHashSet();
    }
}

public sealed class DuplicateIvrNameException : Exception
{
    public DuplicateIvrNameException() { }

    public DuplicateIvrNameException(string name) : base($"An IVR named '{name}' already exists.") { }

    public DuplicateIvrNameException(string message, Exception innerException) : base(message, innerException) { }
}

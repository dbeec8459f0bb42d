using BotPbx.Api.Problems;
using BotPbx.Data;
using BotPbx.Telephony.Model;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>
/// Reads and writes PBX objects. Reads are plain queries; every write runs in a transaction holding one advisory
/// lock, re-reads the whole configuration, validates the changed object against it (references, number clashes)
/// and marks the configuration as pending until the next apply.
/// </summary>
public sealed partial class PbxStore(IDbConnectionFactory database, IEnumerable<IExternalDestinationSource> externals,
    IEnumerable<IPbxNumberUsers> numberUsers)
{
    /// <summary>Advisory lock key that serialises PBX writes and applies ("BPBX").</summary>
    public const long WriteLock = 0x4250_4258;

    public async Task<PbxConfiguration> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadAsync(connection, null, cancellationToken);
    }

    public async Task<PbxConfiguration> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var ivrs = new List<string>();
        var agents = new List<string>();
        var agentNumbers = new List<AiAgentNumber>();
        foreach (var source in externals)
        {
            var destinations = await source.ListAsync(cancellationToken);
            (source.Type == "aiAgent" ? agents : ivrs).AddRange(destinations.Select(d => d.Id));
            if (source.Type == "aiAgent")
                agentNumbers.AddRange(destinations.Where(d => d.Number is not null).Select(d => new AiAgentNumber(d.Id, d.Number!)));
        }
        return new PbxConfiguration
        {
            Sip = await SettingAsync<SipSettings>(connection, transaction, SipKey, cancellationToken) ?? new SipSettings(),
            FeatureCodes = await SettingAsync<FeatureCodes>(connection, transaction, FeatureCodesKey, cancellationToken) ?? new FeatureCodes(),
            Extensions = await AllAsync(connection, transaction, PbxTables.Extensions, cancellationToken),
            Trunks = await AllAsync(connection, transaction, PbxTables.Trunks, cancellationToken),
            InboundRoutes = await AllAsync(connection, transaction, PbxTables.InboundRoutes, cancellationToken),
            OutboundRoutes = await AllAsync(connection, transaction, PbxTables.OutboundRoutes, cancellationToken),
            Queues = await AllAsync(connection, transaction, PbxTables.Queues, cancellationToken),
            RingGroups = await AllAsync(connection, transaction, PbxTables.RingGroups, cancellationToken),
            TimeConditions = await AllAsync(connection, transaction, PbxTables.TimeConditions, cancellationToken),
            MohClasses = await AllAsync(connection, transaction, PbxTables.MohClasses, cancellationToken),
            Conferences = await AllAsync(connection, transaction, PbxTables.Conferences, cancellationToken),
            IvrIds = ivrs,
            AiAgentIds = agents,
            AiAgentNumbers = agentNumbers,
        };
    }

    /// <summary>Every object of one kind (one query), for readers that need a single table rather than the whole snapshot.</summary>
    public async Task<IReadOnlyList<T>> AllAsync<T>(PbxTable<T> table, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await AllAsync(connection, null, table, cancellationToken);
    }

    public async Task<T?> FindAsync<T>(PbxTable<T> table, long id, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await database.OpenAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT ({table.DataSql})::text FROM {table.Table} WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return json is null ? null : table.WithId(PbxJson.Deserialize<T>(json), id);
    }

    public async Task<(IReadOnlyList<T> Items, long Total)> ListAsync<T>(PbxTable<T> table, ListQuery query, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        var filter = $"WHERE @pattern::text IS NULL OR {table.SearchSql}";
        var parameters = new { pattern = query.LikePattern, limit = query.Limit, offset = query.Offset };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {table.Table} {filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(long Id, string Data)>(new CommandDefinition(
            $"SELECT id, ({table.DataSql})::text FROM {table.Table} {filter} ORDER BY {table.OrderBy} LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return (rows.Select(r => table.WithId(PbxJson.Deserialize<T>(r.Data), r.Id)).ToList(), total);
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, PbxTable<T> table,
        CancellationToken cancellationToken) where T : class
    {
        var rows = await connection.QueryAsync<(long Id, string Data)>(new CommandDefinition(
            $"SELECT id, ({table.DataSql})::text FROM {table.Table} ORDER BY id", transaction: transaction, cancellationToken: cancellationToken));
        return rows.Select(r => table.WithId(PbxJson.Deserialize<T>(r.Data), r.Id)).ToList();
    }
}

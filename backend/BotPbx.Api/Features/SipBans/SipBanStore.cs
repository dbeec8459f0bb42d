using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.SipBans;

/// <summary>A ban as the API shows it. <see cref="LastAccount"/> is what the sender tried: untrusted text, for display only.</summary>
public sealed record SipBan(
    long Id, string Address, DateTimeOffset BannedAt, DateTimeOffset ExpiresAt, int Failures, string? LastAccount,
    string? LastEvent, DateTimeOffset? LiftedAt, string? LiftReason, long? LiftedBy, bool Active);

/// <summary>Bans in PostgreSQL (table <c>sip_bans</c>, migration 0005): the list Asterisk's ACL is rendered from.</summary>
public sealed class SipBanStore(IDbConnectionFactory database)
{
    private const string Columns =
        "id, address, banned_at, expires_at, failures, last_account, last_event, lifted_at, lift_reason, lifted_by, " +
        "(lifted_at IS NULL AND expires_at > @now) AS active";

    /// <summary>Bans <paramref name="address"/> until <paramref name="expiresAt"/>; null when it already has an active ban.</summary>
    public async Task<SipBan?> CreateAsync(string address, DateTimeOffset now, DateTimeOffset expiresAt, int failures, string? lastAccount,
        string? lastEvent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // An expired ban not yet marked as such would hold the address's "one unlifted ban" slot: lift it first.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sip_bans SET lifted_at = expires_at, lift_reason = 'expired' WHERE address = @address AND lifted_at IS NULL AND expires_at <= @now",
            new { address, now }, transaction, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO sip_bans (address, banned_at, expires_at, failures, last_account, last_event)
            VALUES (@address, @now, @expiresAt, @failures, @lastAccount, @lastEvent)
            ON CONFLICT (address) WHERE lifted_at IS NULL DO NOTHING
            RETURNING {Columns}
            """,
            new { address, now, expiresAt, failures, lastAccount, lastEvent }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row?.ToBan();
    }

    /// <summary>The addresses Asterisk must refuse now.</summary>
    public async Task<IReadOnlyList<string>> ActiveAddressesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT address FROM sip_bans WHERE lifted_at IS NULL AND expires_at > @now ORDER BY address", new { now },
            cancellationToken: cancellationToken))];
    }

    /// <summary>Marks every ban whose time is up as lifted (<c>expired</c>) and returns them.</summary>
    public async Task<IReadOnlyList<SipBan>> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"UPDATE sip_bans SET lifted_at = expires_at, lift_reason = 'expired' WHERE lifted_at IS NULL AND expires_at <= @now RETURNING {Columns}",
            new { now }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBan())];
    }

    /// <summary>When the next active ban ends, or null when none is active.</summary>
    public async Task<DateTimeOffset?> NextExpiryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT min(expires_at) FROM sip_bans WHERE lifted_at IS NULL AND expires_at > @now", new { now },
            cancellationToken: cancellationToken));
        return next is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <summary>Lifts one active ban; null when there is no such ban or it is no longer active.</summary>
    public async Task<SipBan?> LiftAsync(long id, string reason, long? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            UPDATE sip_bans SET lifted_at = @now, lift_reason = @reason, lifted_by = @userId
            WHERE id = @id AND lifted_at IS NULL AND expires_at > @now
            RETURNING {Columns}
            """,
            new { id, reason, userId, now }, cancellationToken: cancellationToken));
        return row?.ToBan();
    }

    public async Task<SipBan?> GetAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sip_bans WHERE id = @id", new { id, now }, cancellationToken: cancellationToken));
        return row?.ToBan();
    }

    /// <summary>Every active ban.</summary>
    public async Task<IReadOnlyList<SipBan>> ActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sip_bans WHERE lifted_at IS NULL AND expires_at > @now ORDER BY banned_at DESC, id DESC",
            new { now }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBan())];
    }

    /// <summary>Newest first; <paramref name="activeOnly"/> false also lists lifted and expired bans (the history).</summary>
    public async Task<(IReadOnlyList<SipBan> Items, long Total)> ListAsync(bool activeOnly, string? likePattern, int limit, int offset,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var where = (activeOnly ? "lifted_at IS NULL AND expires_at > @now" : "TRUE")
            + (likePattern is null ? "" : @" AND (address ILIKE @likePattern ESCAPE '\' OR last_account ILIKE @likePattern ESCAPE '\')");
        await using var connection = await database.OpenAsync(cancellationToken);
        var args = new { now, likePattern, limit, offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM sip_bans WHERE {where}", args, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sip_bans WHERE {where} ORDER BY banned_at DESC, id DESC LIMIT @limit OFFSET @offset",
            args, cancellationToken: cancellationToken));
        return ([.. items.Select(r => r.ToBan())], total);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Address { get; init; } = "";
        public DateTimeOffset BannedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public int Failures { get; init; }
        public string? LastAccount { get; init; }
        public string? LastEvent { get; init; }
        public DateTimeOffset? LiftedAt { get; init; }
        public string? LiftReason { get; init; }
        public long? LiftedBy { get; init; }
        public bool Active { get; init; }

        public SipBan ToBan() => new(Id, Address, BannedAt, ExpiresAt, Failures, LastAccount, LastEvent, LiftedAt, LiftReason, LiftedBy, Active);
    }
}

using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Data;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>Campaign rows: the settings document and the status the dialer follows.</summary>
public sealed class CampaignStore(IDbConnectionFactory database)
{
    private const string Columns = "id, name, status, settings::text AS settings, created_at, updated_at, started_at, window_open";

    private sealed record Row(long Id, string Name, string Status, string Settings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, bool WindowOpen)
    {
        public Campaign ToCampaign() => new(Id, Name, Status, PbxJson.Deserialize<CampaignSettings>(Settings), CreatedAt, UpdatedAt, StartedAt, WindowOpen);
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM campaigns ORDER BY id DESC", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCampaign()).ToList();
    }

    public async Task<Campaign?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM campaigns WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    /// <summary>The new campaign, or null when the name is taken.</summary>
    public async Task<Campaign?> CreateAsync(string name, CampaignSettings settings, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        try
        {
            var row = await c.QuerySingleAsync<Row>(new CommandDefinition(
                $"INSERT INTO campaigns (name, settings) VALUES (@name, @settings::jsonb) RETURNING {Columns}",
                new { name, settings = PbxJson.Serialize(settings) }, cancellationToken: cancellationToken));
            return row.ToCampaign();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    /// <summary>(campaign, nameTaken): campaign null and nameTaken false = not found.</summary>
    public async Task<(Campaign? Campaign, bool NameTaken)> UpdateAsync(long id, string name, CampaignSettings settings, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        try
        {
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"UPDATE campaigns SET name = @name, settings = @settings::jsonb, updated_at = now() WHERE id = @id RETURNING {Columns}",
                new { id, name, settings = PbxJson.Serialize(settings) }, cancellationToken: cancellationToken));
            return (row?.ToCampaign(), false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (null, true);
        }
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM campaigns WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Moves the status when it is one of <paramref name="from"/>; null when the campaign is not in such a status (or does not exist).</summary>
    public async Task<Campaign?> TransitionAsync(long id, string[] from, string to, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            UPDATE campaigns SET status = @to, updated_at = now(),
                started_at = CASE WHEN @to = 'running' THEN coalesce(started_at, now()) ELSE started_at END
            WHERE id = @id AND status = ANY(@from) RETURNING {Columns}
            """, new { id, from, to }, tx, cancellationToken: cancellationToken));
        if (row is not null && to == "stopped")
        {
            // Stopping ends the contacts still waiting; a call in progress finishes and keeps its outcome.
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE campaign_contacts SET state = 'done', updated_at = now() WHERE campaign_id = @id AND state IN ('pending','no-answer','busy','failed')",
                new { id }, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
        return row?.ToCampaign();
    }

    /// <summary>Running campaigns, for the dialer's tick (it dials those whose window the window jobs opened).</summary>
    public async Task<IReadOnlyList<Campaign>> RunningAsync(CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM campaigns WHERE status = 'running' ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCampaign()).ToList();
    }

    /// <summary>A running campaign whose contacts are all final is completed (no contact waiting, none dialling).</summary>
    public async Task CompleteFinishedAsync(long id, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET status = 'completed', updated_at = now()
            WHERE id = @id AND status = 'running'
              AND EXISTS (SELECT 1 FROM campaign_contacts WHERE campaign_id = @id)
              AND NOT EXISTS (SELECT 1 FROM campaign_contacts WHERE campaign_id = @id AND state IN ('pending','dialing','no-answer','busy','failed'))
              AND NOT EXISTS (SELECT 1 FROM campaign_attempts WHERE campaign_id = @id AND ended_at IS NULL)
            """, new { id }, cancellationToken: cancellationToken));
    }
}

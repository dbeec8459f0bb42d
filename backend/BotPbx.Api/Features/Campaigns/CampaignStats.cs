using BotPbx.Data;
using Dapper;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>
/// Seed 003's campaign analytics. Counts are of attempts (calls placed): total, connected (a person: human or
/// abandoned), voicemail (machine), no answer, busy, failed. Conversion = contacts whose disposition is one of the
/// campaign's conversionDispositions, over contacts reached by a person. Abandon rate = abandoned / connected.
/// </summary>
public sealed record CampaignStatsResponse(
    long Total, long Connected, long Voicemail, long NoAnswer, long Busy, long Failed, long Abandoned, long InProgress,
    long Conversions, double ConversionRate, double AbandonRate,
    long Contacts, IReadOnlyDictionary<string, long> ContactStates, IReadOnlyList<StatsBucket> Timeline);

/// <summary>Calls started per minute and how they went, for the live page's chart.</summary>
public sealed record StatsBucket(DateTimeOffset Minute, long Calls, long Connected, long Voicemail, long Unreached);

public sealed class CampaignStatsStore(IDbConnectionFactory database)
{
    private sealed record Totals(long Total, long Connected, long Voicemail, long NoAnswer, long Busy, long Failed, long Abandoned, long InProgress);

    public async Task<CampaignStatsResponse> GetAsync(long campaignId, IReadOnlyList<string> conversionDispositions, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var p = new { campaignId, dispositions = conversionDispositions.ToArray() };
        var t = await c.QuerySingleAsync<Totals>(new CommandDefinition(
            """
            SELECT count(*) FILTER (WHERE outcome IS DISTINCT FROM 'not-sent') AS total,
                   count(*) FILTER (WHERE outcome IN ('human','abandoned')) AS connected,
                   count(*) FILTER (WHERE outcome = 'machine') AS voicemail,
                   count(*) FILTER (WHERE outcome = 'no-answer') AS no_answer,
                   count(*) FILTER (WHERE outcome = 'busy') AS busy,
                   count(*) FILTER (WHERE outcome = 'failed') AS failed,
                   count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                   count(*) FILTER (WHERE ended_at IS NULL) AS in_progress
            FROM campaign_attempts WHERE campaign_id = @campaignId
            """, p, cancellationToken: cancellationToken));
        var states = (await c.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, count(*) FROM campaign_contacts WHERE campaign_id = @campaignId GROUP BY state", p, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
        var (reached, converted) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT count(*) FILTER (WHERE state = 'answered-human'), count(*) FILTER (WHERE disposition = ANY(@dispositions))
            FROM campaign_contacts WHERE campaign_id = @campaignId
            """, p, cancellationToken: cancellationToken));
        var timeline = (await c.QueryAsync<StatsBucket>(new CommandDefinition(
            """
            SELECT date_trunc('minute', started_at) AS minute, count(*) AS calls,
                   count(*) FILTER (WHERE outcome IN ('human','abandoned')) AS connected,
                   count(*) FILTER (WHERE outcome = 'machine') AS voicemail,
                   count(*) FILTER (WHERE outcome IN ('no-answer','busy','failed')) AS unreached
            FROM campaign_attempts WHERE campaign_id = @campaignId AND outcome IS DISTINCT FROM 'not-sent'
            GROUP BY 1 ORDER BY 1 DESC LIMIT 120
            """, p, cancellationToken: cancellationToken))).Reverse().ToList();
        return new CampaignStatsResponse(t.Total, t.Connected, t.Voicemail, t.NoAnswer, t.Busy, t.Failed, t.Abandoned, t.InProgress,
            converted, reached == 0 ? 0 : (double)converted / reached, t.Connected == 0 ? 0 : (double)t.Abandoned / t.Connected,
            states.Values.Sum(), states, timeline);
    }
}

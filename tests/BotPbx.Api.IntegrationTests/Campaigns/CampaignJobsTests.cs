using BotPbx.Api.Features.Campaigns.Dialing;
using BotPbx.Api.Features.Campaigns.Scheduling;
using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.Dialer.Contacts;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Campaigns;

/// <summary>Hangfire polls every second here, so due jobs run within a couple of seconds.</summary>
public sealed class FastJobsFixture : ApiFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Jobs:SchedulePollingSeconds"] = "1", ["Jobs:QueuePollSeconds"] = "1" };
}

/// <summary>
/// Runs alone: Hangfire keeps some state process-wide (its log provider, job filters, a queue signal), and with
/// several test APIs (each its own Hangfire server and database) in one process, this server's workers were seen
/// not to fetch. The product runs one server per process.
/// </summary>
[CollectionDefinition(nameof(HangfireJobsRunAlone), DisableParallelization = true)]
public sealed class HangfireJobsRunAlone;

/// <summary>
/// Hangfire runs the campaign windows and the retries, against the real PostgreSQL (schema "hangfire" of the product
/// database): the window jobs in the campaign's time zone, a retry's delayed job, and the jobs' lifecycle.
/// </summary>
[Collection(nameof(HangfireJobsRunAlone))]
public sealed class CampaignJobsTests(FastJobsFixture fixture) : IClassFixture<FastJobsFixture>
{
    private static readonly string[] EveryDay = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private async Task<(HttpClient Admin, long Campaign)> CampaignAsync(string[] days, string timeZone = "Pacific/Kiritimati", int noAnswerDelay = 3600)
    {
        var admin = await fixture.Api.SignInAsAdminAsync();
        var (agentId, _, _) = await admin.CreateExtensionAsync();
        var trunk = await admin.CreateTrunkAsync();
        var queue = await admin.CreateQueueAsync(agentId);
        var created = await admin.CreateAsync("/api/campaigns", new
        {
            name = "Jobs " + TelephonyClient.NewNumber(),
            callerId = "+15551234567",
            trunkId = trunk,
            schedule = new { start = "00:00", end = "00:00", days, timeZone },
            concurrentCalls = 1,
            callsPerMinute = 10,
            answerTimeoutSeconds = 30,
            retry = new { attempts = 2, noAnswerDelaySeconds = noAnswerDelay, busyDelaySeconds = 600, failedDelaySeconds = 600 },
            amd = new { enabled = false },
            onAnswer = new { type = "queue", target = queue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            onVoicemail = new { action = "hangup" },
        });
        return (admin, created.GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, object id)
    {
        await using var c = new NpgsqlConnection(fixture.Database.ConnectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, object id)
    {
        await using var c = new NpgsqlConnection(fixture.Database.ConnectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting until {what}; Hangfire's jobs: {await JobsAsync()}\nlog: {string.Join('\n', fixture.Api.Logs.Messages.Where(m => m.Contains("angfire", StringComparison.Ordinal) || m.Contains("job", StringComparison.OrdinalIgnoreCase)).TakeLast(40))}");
    }

    /// <summary>Hangfire's own record of its jobs, for a failure message.</summary>
    private async Task<string> JobsAsync()
    {
        await using var c = new NpgsqlConnection(fixture.Database.ConnectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(j.id || ' ' || j.invocationdata::text || ' ' || coalesce(j.statename, '') || ' ' || coalesce(s.reason, '') || ' ' || coalesce(s.data::text, ''), E'\n') " +
            "FROM hangfire.job j LEFT JOIN hangfire.state s ON s.id = j.stateid", c);
        return (await command.ExecuteScalarAsync()) as string ?? "none";
    }

    private RecurringJobDto? RecurringJob(string id)
    {
        using var connection = fixture.Api.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([id]).SingleOrDefault(j => !j.Removed);
    }

    private static string Today(string timeZone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DayOfWeek.ToString()[..3].ToLowerInvariant();

    [Fact]
    public async Task Starting_a_campaign_creates_its_window_jobs_in_its_time_zone_and_opens_a_window_it_is_inside()
    {
        var (admin, campaign) = await CampaignAsync(EveryDay);
        Assert.False((await ReadAsync(await admin.GetAsync($"/api/campaigns/{campaign}"))).GetProperty("windowOpen").GetBoolean());

        var started = await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/start", null));

        Assert.True(started.GetProperty("windowOpen").GetBoolean());
        var open = RecurringJob(CampaignJobs.OpenJobId(campaign));
        var close = RecurringJob(CampaignJobs.CloseJobId(campaign));
        Assert.NotNull(open);
        Assert.NotNull(close);
        Assert.Equal("Pacific/Kiritimati", open.TimeZoneId);
        Assert.Equal("0 0 * * 0,1,2,3,4,5,6", open.Cron);
        Assert.Equal("0 0 * * 0,1,2,3,4,5,6", close.Cron);
    }

    [Fact]
    public async Task The_close_job_run_by_Hangfire_closes_a_window_that_is_over_in_the_campaigns_zone()
    {
        // Every day but today (in Kiritimati): the window is shut now, whatever the flag says.
        var zone = "Pacific/Kiritimati";
        var (admin, campaign) = await CampaignAsync(EveryDay.Where(d => d != Today(zone)).ToArray(), zone);
        Assert.False((await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/start", null))).GetProperty("windowOpen").GetBoolean());
        await ExecuteAsync("UPDATE campaigns SET window_open = true WHERE id = @id", campaign);

        fixture.Api.Services.GetRequiredService<IRecurringJobManager>().Trigger(CampaignJobs.CloseJobId(campaign));

        await EventuallyAsync(async () => !await ScalarAsync<bool>("SELECT window_open FROM campaigns WHERE id = @id", campaign), "the close job ran");
    }

    [Fact]
    public async Task The_open_job_run_by_Hangfire_opens_the_window_and_the_stop_removes_both_jobs()
    {
        var (admin, campaign) = await CampaignAsync(EveryDay, "America/New_York");
        await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/start", null));
        await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/pause", null));
        await ExecuteAsync("UPDATE campaigns SET window_open = false WHERE id = @id", campaign);

        fixture.Api.Services.GetRequiredService<IRecurringJobManager>().Trigger(CampaignJobs.OpenJobId(campaign));

        await EventuallyAsync(() => ScalarAsync<bool>("SELECT window_open FROM campaigns WHERE id = @id", campaign), "the open job ran");
        await ReadAsync(await admin.PostAsync($"/api/campaigns/{campaign}/stop", null));
        Assert.Null(RecurringJob(CampaignJobs.OpenJobId(campaign)));
        Assert.Null(RecurringJob(CampaignJobs.CloseJobId(campaign)));
    }

    [Fact]
    public async Task A_no_answer_waits_until_its_delayed_retry_job_makes_the_contact_claimable_again()
    {
        var (admin, campaign) = await CampaignAsync(EveryDay, noAnswerDelay: 2);
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts", new[] { new { phone = "+15554000123" } }));
        var dialer = fixture.Api.Services.GetRequiredService<DialerStore>();
        var first = Assert.Single(await dialer.ClaimAsync(campaign, 5, CancellationToken.None));

        await dialer.RecordOutcomeAsync(first.AttemptId, CallOutcome.NoAnswer, ended: true, CancellationToken.None, originateReason: 3);

        Assert.Equal("no-answer", await ScalarAsync<string>("SELECT state FROM campaign_contacts WHERE id = @id", first.ContactId));
        Assert.False(await ScalarAsync<bool>("SELECT retry_ready FROM campaign_contacts WHERE id = @id", first.ContactId));
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.job WHERE statename = 'Scheduled' AND arguments::text LIKE '%' || @id::text || '%'", first.ContactId));
        Assert.Empty(await dialer.ClaimAsync(campaign, 5, CancellationToken.None));
        await EventuallyAsync(() => ScalarAsync<bool>("SELECT retry_ready FROM campaign_contacts WHERE id = @id", first.ContactId), "the retry job ran");
        var claimed = await dialer.ClaimAsync(campaign, 5, CancellationToken.None);
        Assert.True(claimed.Count == 1, await ScalarAsync<string>(
            "SELECT row_to_json(c)::text || ' now ' || now()::text FROM campaign_contacts c WHERE id = @id", first.ContactId));
        var second = claimed[0];
        Assert.Equal(first.ContactId, second.ContactId);
        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task A_retry_job_left_over_from_an_earlier_wait_changes_nothing()
    {
        var (admin, campaign) = await CampaignAsync(EveryDay);
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts", new[] { new { phone = "+15554000124" } }));
        var dialer = fixture.Api.Services.GetRequiredService<DialerStore>();
        var call = Assert.Single(await dialer.ClaimAsync(campaign, 5, CancellationToken.None));
        await dialer.RecordOutcomeAsync(call.AttemptId, CallOutcome.Busy, ended: true, CancellationToken.None, originateReason: 5);

        await fixture.Api.Services.GetRequiredService<CampaignRetryJob>().MakeDueAsync(call.ContactId, attempts: 0);

        Assert.False(await ScalarAsync<bool>("SELECT retry_ready FROM campaign_contacts WHERE id = @id", call.ContactId));
        await fixture.Api.Services.GetRequiredService<CampaignRetryJob>().MakeDueAsync(call.ContactId, attempts: 1);
        Assert.True(await ScalarAsync<bool>("SELECT retry_ready FROM campaign_contacts WHERE id = @id", call.ContactId));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using BotPbx.Api.Features.Campaigns;
using BotPbx.Api.Features.Campaigns.Dialing;
using BotPbx.Data;
using BotPbx.Data.Migrations;
using BotPbx.Dialer.Contacts;
using BotPbx.Dialer.Pacing;
using BotPbx.Dialer.Schedule;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BotPbx.Bench;

/// <summary>
/// Campaigns (docs/campaigns.md): importing 100,000 contacts from CSV (1 % bad rows, 1 % duplicates) through the
/// product's reader, E.164 normaliser and binary COPY into a throw-away database; the dialer's pure decisions per second
/// (schedule window + pacing + state transition); and claims per second (FOR UPDATE SKIP LOCKED + attempt rows).
/// Needs PostgreSQL: BOTPBX_BENCH_DATABASE_URL or BOTPBX_TEST_DATABASE_URL (tests/pg.sh start) pointing at a server
/// where it may create a database.
/// </summary>
public sealed class CampaignBenchmark : IBenchmark
{
    private const int Contacts = 100_000;

    public string Name => "campaigns";

    public string Description => $"import {Contacts:N0} CSV contacts (E.164, per-row errors, COPY + upsert); dialer decisions and claims per second";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        Decisions(output);
        var url = Environment.GetEnvironmentVariable("BOTPBX_BENCH_DATABASE_URL") ?? Environment.GetEnvironmentVariable("BOTPBX_TEST_DATABASE_URL");
        if (url is null)
        {
            output.WriteLine("import/claims skipped: set BOTPBX_BENCH_DATABASE_URL (or eval \"$(tests/pg.sh start)\")");
            return;
        }
        var admin = PostgresConnectionString.Parse(url);
        var name = "botpbx_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var c = new NpgsqlConnection(admin.ConnectionString))
        {
            await c.OpenAsync(cancellationToken);
            await c.ExecuteAsync($"CREATE DATABASE {name}");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
            await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
            DapperSetup.Configure();
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance)
                .RunAsync(MigrationDiscovery.FromAssemblies([typeof(MigrationRunner).Assembly]), cancellationToken);
            var database = new DbConnectionFactory(dataSource);
            await ImportAsync(output, database, cancellationToken);
            await ClaimsAsync(output, database, cancellationToken);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.OpenAsync(cancellationToken);
            await c.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static void Decisions(TextWriter output)
    {
        var schedule = new CampaignSchedule(new TimeOnly(9, 0), new TimeOnly(18, 0),
            new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var now = new DateTimeOffset(2025, 3, 10, 15, 0, 0, TimeSpan.Zero);
        const int N = 2_000_000;
        var started = Stopwatch.GetTimestamp();
        var calls = 0;
        for (var i = 0; i < N; i++)
        {
            if (!schedule.IsOpen(now.AddSeconds(i % 3600))) continue;
            calls += Pacer.CallsToStart(new PacingInput(10, 60, i % 12, i % 5, i % 70, i % 7, 100 + (i % 50), i % 4));
            _ = ContactStateMachine.Complete(ContactState.Dialing, (CallOutcome)(i % 6), i % 3 != 0);
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"dialer decisions (window + pacing + transition): {N / seconds:N0}/s ({N:N0} in {seconds:F2} s; {calls} calls allowed)");
    }

    private static async Task ImportAsync(TextWriter output, DbConnectionFactory database, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("phone,first_name,last_name,appointment_date,appointment_time\n");
        for (var i = 0; i < Contacts; i++)
        {
            // 1 % impossible numbers, 1 % repeats of an earlier number (merged), the rest distinct US numbers.
            var phone = i % 100 == 7 ? "12" + i.ToString(CultureInfo.InvariantCulture)
                : i % 100 == 13 ? Phone(i - 13)
                : Phone(i);
            csv.Append(phone).Append(",John").Append(i).Append(",Smith,2024-01-15,10:00 AM\n");
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var campaigns = new CampaignStore(database);
        var store = new ContactStore(database);
        for (var round = 1; round <= 2; round++)
        {
            var campaign = await campaigns.CreateAsync($"bench {round} {Guid.NewGuid():N}", new CampaignSettings(), cancellationToken);
            GC.Collect();
            // CPU seconds as well as wall time: on a shared machine the wall time says more about the neighbours' load
            // than about the code. The store's connection is the pool's only idle one, so its server process is this one.
            int backend;
            await using (var probe = await database.OpenAsync(cancellationToken)) backend = await probe.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
            var serverCpuBefore = ProcessCpu(backend);
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var (rows, _) = ContactCsvReader.Read(new MemoryStream(bytes));
            var read = Stopwatch.GetElapsedTime(started);
            var batch = ContactNormalizer.Normalize(rows, new PhoneNormalizer("US"));
            var normalised = Stopwatch.GetElapsedTime(started);
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
            var result = await store.ImportAsync(campaign!.Id, batch, rows.Count, cancellationToken);
            var total = Stopwatch.GetElapsedTime(started);
            var serverCpu = ProcessCpu(backend) - serverCpuBefore;
            output.WriteLine($"round {round}: {Contacts:N0} rows ({bytes.Length / 1024 / 1024.0:F1} MB) in {total.TotalSeconds:F2} s " +
                             $"(CSV {read.TotalSeconds:F2} s, E.164 + merge {(normalised - read).TotalSeconds:F2} s, store {(total - normalised).TotalSeconds:F2} s): " +
                             $"{result.Inserted:N0} stored, {batch.DuplicatesMerged:N0} merged, {result.Errors.Count:N0} row errors; " +
                             $"CPU: client (CSV + E.164) {clientCpu.TotalSeconds:F2} s, PostgreSQL backend {(serverCpu is { } cpu ? cpu.ToString("F2", CultureInfo.InvariantCulture) + " s" : "n/a (not on this host)")}");
        }
    }

    private static async Task ClaimsAsync(TextWriter output, IDbConnectionFactory database, CancellationToken cancellationToken)
    {
        var campaigns = new CampaignStore(database);
        var campaign = (await campaigns.ListAsync(cancellationToken))[0];
        var dialer = new DialerStore(database, new NoRetries());
        const int Batch = 10;
        var claimed = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            claimed += (await dialer.ClaimAsync(campaign.Id, Batch, cancellationToken)).Count;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"claims (contact → dialing + attempt row, batches of {Batch}, one connection): {claimed / seconds:N0}/s over {seconds:F1} s");
    }

    /// <summary>The claims benchmark records no outcomes, so no retry is ever scheduled.</summary>
    private sealed class NoRetries : BotPbx.Api.Features.Campaigns.Scheduling.IRetryScheduler
    {
        public void ScheduleRetry(long contactId, int attempts, TimeSpan delay) => throw new InvalidOperationException("the claims benchmark records no outcomes");
    }

    /// <summary>utime + stime of a local process from /proc (clock ticks of 10 ms), or null when it is not on this host.</summary>
    private static double? ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string Phone(int i) => "+1212" + (2000000 + i).ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using BotPbx.Api.Features.Calls;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace BotPbx.Api.IntegrationTests.Calls;

/// <summary>
/// Figures, not checks (tests never assert timings): how fast Asterisk's side can add CDR rows one INSERT at a time
/// (what cdr_pgsql does, as the INSERT-only role), and how many calls per second the reconciler folds into the call
/// log from a backlog (what BotPBX catches up on after being stopped). Printed and written to
/// artifacts/test-results/call-log-throughput.txt; docs/benchmarks.md quotes them.
/// </summary>
public sealed class CallLogThroughputBenchmark(CallLogFixture fixture, ITestOutputHelper output) : IClassFixture<CallLogFixture>
{
    private const int SingleInserts = 2_000;
    private const int BacklogCalls = 20_000;
    private const int LegsPerCall = 2;

    [Fact]
    public async Task Call_log_writes_per_second_single_inserts_and_reconciler_throughput()
    {
        var lines = new List<string>();
        await using (var connection = fixture.CdrConnection())
        {
            await connection.OpenAsync();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < SingleInserts; i++)
                await new Cdr { Linkedid = "single-" + i.ToString(CultureInfo.InvariantCulture) }.InsertAsync(connection);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            lines.Add(Line($"cdr_pgsql-style INSERTs (one statement per CDR, autocommit): {SingleInserts:N0} rows in {seconds:F2} s = {SingleInserts / seconds:N0} rows/s"));
            await CopyBacklogAsync(connection);
        }
        var reconciler = fixture.Api.Services.GetRequiredService<CallReconciler>();
        // The single inserts first (not timed), then the backlog of two-leg calls.
        await reconciler.DrainAsync(CancellationToken.None);
        await using (var reset = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            // Give the backlog back to the reconciler in one piece, measured alone.
            await reset.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE cdr_raw SET reconciled = false WHERE linkedid LIKE 'bench-%'; DELETE FROM calls WHERE call_id LIKE 'bench-%'", reset);
            await command.ExecuteNonQueryAsync();
        }
        GC.Collect();
        var timer = Stopwatch.GetTimestamp();
        var rows = await reconciler.DrainAsync(CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(timer).TotalSeconds;
        lines.Add(Line($"reconciler backlog: {BacklogCalls:N0} calls ({rows:N0} CDR rows, {LegsPerCall} legs each) in {elapsed:F2} s = " +
                       $"{BacklogCalls / elapsed:N0} calls/s, {rows / elapsed:N0} CDR rows/s (batches of {new CdrWriterOptions().BatchSize:N0} rows)"));

        await using (var check = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await check.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM calls WHERE call_id LIKE 'bench-%'", check);
            Assert.Equal(BacklogCalls, Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }
        var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts", "test-results")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "call-log-throughput.txt"),
            $"{DateTimeOffset.UtcNow:O} on {Environment.ProcessorCount} cores\n{string.Join('\n', lines)}\n");
    }

    private static async Task CopyBacklogAsync(NpgsqlConnection connection)
    {
        var now = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds() / 1000.0;
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY cdr_raw (start, answer, \"end\", duration, billsec, clid, src, dst, channel, dstchannel, disposition, uniqueid, linkedid, sequence, botpbx_cause) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < BacklogCalls; i++)
        {
            var start = now + i * 0.1;
            var linked = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var from = (2000 + (i % 500)).ToString(CultureInfo.InvariantCulture);
            var to = (3000 + (i % 700)).ToString(CultureInfo.InvariantCulture);
            for (var leg = 0; leg < LegsPerCall; leg++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(start + leg * 0.01, NpgsqlDbType.Double);
                await writer.WriteAsync(start + 5, NpgsqlDbType.Double);
                await writer.WriteAsync(start + 65, NpgsqlDbType.Double);
                await writer.WriteAsync(65, NpgsqlDbType.Integer);
                await writer.WriteAsync(60, NpgsqlDbType.Integer);
                await writer.WriteAsync($"\"Desk {from}\" <{from}>", NpgsqlDbType.Text);
                await writer.WriteAsync(from, NpgsqlDbType.Text);
                await writer.WriteAsync(to, NpgsqlDbType.Text);
                await writer.WriteAsync(leg == 0 ? $"PJSIP/{from}-{i:x8}" : $"Local/{to}@botpbx-device-{i:x8};2", NpgsqlDbType.Text);
                await writer.WriteAsync($"PJSIP/{to}-{i + 1:x8}", NpgsqlDbType.Text);
                await writer.WriteAsync("ANSWERED", NpgsqlDbType.Text);
                await writer.WriteAsync(linked + "." + leg.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await writer.WriteAsync(linked, NpgsqlDbType.Text);
                await writer.WriteAsync(i * LegsPerCall + leg, NpgsqlDbType.Integer);
                await writer.WriteAsync("16", NpgsqlDbType.Text);
            }
        }
        await writer.CompleteAsync();
    }

    private string Line(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
        return text;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BotPbx.sln"))) return dir.FullName;
        throw new InvalidOperationException("BotPbx.sln not found above " + AppContext.BaseDirectory);
    }
}

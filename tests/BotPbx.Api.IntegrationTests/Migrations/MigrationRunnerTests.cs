using BotPbx.Data.Migrations;
using BotPbx.TestSupport;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Migrations;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private MigrationRunner Runner() => new(_dataSource, NullLogger<MigrationRunner>.Instance);

    private static IReadOnlyList<Migration> Shipped() =>
        MigrationDiscovery.FromAssemblies([typeof(MigrationRunner).Assembly]);

    [Fact]
    public void The_foundation_migration_is_discovered_from_the_data_assembly()
    {
        var migrations = Shipped();
        Assert.Contains(migrations, m => m.Name == "0001_foundation" && m.Number == 1);
        Assert.Equal(migrations.OrderBy(m => m.Number).Select(m => m.Name), migrations.Select(m => m.Name));
    }

    [Fact]
    public async Task An_empty_database_gets_every_table_and_a_second_run_changes_nothing()
    {
        var first = await Runner().RunAsync(Shipped(), CancellationToken.None);
        var second = await Runner().RunAsync(Shipped(), CancellationToken.None);

        Assert.Equal(Shipped().Select(m => m.Name), first);
        Assert.Empty(second);
        await using var connection = await _dataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "users", "sessions", "settings", "audit_log", "data_protection_keys", "schema_migrations" }, tables);
        var recorded = await connection.QuerySingleAsync<(string Name, string Checksum)>(
            "SELECT name, checksum FROM schema_migrations WHERE name = '0001_foundation'");
        Assert.Equal(Shipped()[0].Checksum, recorded.Checksum);
    }

    [Fact]
    public async Task Two_runners_starting_together_apply_each_migration_once()
    {
        var migrations = new[]
        {
            new Migration(1, "0001_counter", "CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (1);"),
            new Migration(2, "0002_bump", "UPDATE counter SET n = n + 1;"),
        };
        // Hold the advisory lock so both runners are provably queued behind it, then let them race.
        await using var holder = await _dataSource.OpenConnectionAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = MigrationRunner.AdvisoryLockKey });

        var a = Task.Run(() => Runner().RunAsync(migrations, CancellationToken.None));
        var b = Task.Run(() => Runner().RunAsync(migrations, CancellationToken.None));
        await WaitForLockWaitersAsync(2);
        await holder.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationRunner.AdvisoryLockKey });
        var results = await Task.WhenAll(a, b);

        Assert.Equal(2, results.Sum(applied => applied.Count));
        Assert.Contains(results, applied => applied.Count == 0);
        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT n FROM counter"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task An_edited_migration_that_was_already_applied_is_refused_with_a_clear_error()
    {
        await Runner().RunAsync([new Migration(1, "0001_t", "CREATE TABLE t (id int);")], CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationException>(() =>
            Runner().RunAsync([new Migration(1, "0001_t", "CREATE TABLE t (id bigint);")], CancellationToken.None));

        Assert.Contains("0001_t", error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind()
    {
        var migrations = new[]
        {
            new Migration(1, "0001_good", "CREATE TABLE good (id int);"),
            new Migration(2, "0002_bad", "CREATE TABLE bad (id int); SELECT * FROM missing_table;"),
        };

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner().RunAsync(migrations, CancellationToken.None));

        Assert.Contains("0002_bad", error.Message);
        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('good', 'bad', 'schema_migrations')"));
    }

    [Fact]
    public void Two_migrations_with_the_same_number_are_refused()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationDiscovery.Order(
        [
            new Migration(10, "0010_extensions", "SELECT 1"),
            new Migration(10, "0010_trunks", "SELECT 1"),
        ]));
        Assert.Contains("0010", error.Message);
    }

    [Fact]
    public void The_checksum_ignores_line_ending_style()
    {
        Assert.Equal(new Migration(1, "0001_x", "SELECT 1;\nSELECT 2;\n").Checksum,
            new Migration(1, "0001_x", "SELECT 1;\r\nSELECT 2;\r\n").Checksum);
    }

    private async Task WaitForLockWaitersAsync(int count)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var waiting = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = " +
                "(SELECT oid FROM pg_database WHERE datname = current_database())");
            if (waiting >= count) return;
            await Task.Delay(50);
        }
        Assert.Fail($"{count} runners never queued on the advisory lock");
    }
}

using Npgsql;

namespace BotPbx.TestSupport;

/// <summary>
/// A throw-away database on the test PostgreSQL cluster. ./test.sh starts the cluster and exports
/// BOTPBX_TEST_DATABASE_URL (a maintenance connection); each fixture creates its own database so tests
/// never share state and can run in parallel.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "BOTPBX_TEST_DATABASE_URL";

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql key/value connection string to the new, empty database.</summary>
    public string ConnectionString { get; }

    /// <summary>The maintenance connection string (database "postgres") of the test cluster.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var raw = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(raw))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set. Run the tests through ./test.sh, or start a cluster with " +
                    "`eval \"$(tests/pg.sh start)\"` first.");
            }
            return PostgresUrl.ToConnectionString(raw);
        }
    }

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var admin = AdminConnectionString;
        var name = "botpbx_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        return new TestDatabase(admin, name, builder.ConnectionString);
    }

    private readonly List<string> _roles = [];

    /// <summary>
    /// A login role for Asterisk's cdr_pgsql, as install.sh creates it (installer/lib/postgres.sh): no privileges of
    /// its own (BotPBX grants it INSERT on cdr_raw at start-up). Roles are cluster-wide, so each gets a unique name;
    /// it is dropped with the database.
    /// </summary>
    public async Task<(string User, string Password)> CreateCdrWriterRoleAsync(CancellationToken cancellationToken = default)
    {
        var user = "botpbx_cdr_" + Guid.NewGuid().ToString("N")[..12];
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Names and passwords are generated hex: nothing to quote beyond the literal.
        await using var command = new NpgsqlCommand(
            $"CREATE ROLE \"{user}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT CONNECTION LIMIT 4 PASSWORD '{password}'", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _roles.Add(user);
        return (user, password);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
            foreach (var role in _roles)
            {
                await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The cluster is thrown away at the end of the run; a database left behind costs nothing.
        }
    }
}

using BotPbx.Api.Features.Calls;
using BotPbx.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Calls;

/// <summary>
/// A database with the INSERT-only CDR role (created as install.sh creates it) and an API configured with it. Tests
/// write CDRs as Asterisk's cdr_pgsql would — INSERT into cdr_raw as that role — and reconcile them.
/// </summary>
public sealed class CallLogFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public ApiFactory Api { get; private set; } = null!;
    public string CdrUser { get; private set; } = "";
    public string CdrPassword { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        (CdrUser, CdrPassword) = await Database.CreateCdrWriterRoleAsync();
        Api = await ApiFactory.StartAsync(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["CDR_DB_USER"] = CdrUser,
            ["CDR_DB_PASSWORD"] = CdrPassword,
            // The background reconciler is slowed down so tests decide when records are reconciled.
            ["CdrWriter:PollMilliseconds"] = "600000",
        });
        // The service grants the role at start-up, in the background: wait for it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await CanInsertAsync() && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    /// <summary>A connection as Asterisk's CDR role.</summary>
    public NpgsqlConnection CdrConnection() =>
        new(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = CdrUser, Password = CdrPassword, Pooling = false }.ConnectionString);

    public Task<int> ReconcileAsync() => Api.Services.GetRequiredService<CallReconciler>().DrainAsync(CancellationToken.None);

    private async Task<bool> CanInsertAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT has_table_privilege(@role, 'cdr_raw', 'INSERT')", connection);
        command.Parameters.AddWithValue("role", CdrUser);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
    }
}

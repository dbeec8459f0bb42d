using BotPbx.TestSupport;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Campaigns;

/// <summary>Hangfire's schema is installed by the product's own role, as install.sh creates it: the database's owner, no superuser.</summary>
public sealed class HangfireSchemaTests
{
    [Fact]
    public async Task The_service_installs_Hangfires_tables_in_the_hangfire_schema_as_a_role_that_only_owns_its_database()
    {
        var role = "botpbx_owner_" + Guid.NewGuid().ToString("N")[..12];
        var password = Guid.NewGuid().ToString("N");
        var database = "botpbx_own_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString))
        {
            await admin.OpenAsync();
            // Generated names and password: nothing to quote beyond the literal.
            await new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\" OWNER \"{role}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            var owner = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Database = database, Username = role, Password = password };
            await using (var api = await ApiFactory.StartAsync(owner.ConnectionString))
            {
                using var client = await api.SignInAsAdminAsync();
                using var response = await client.GetAsync("/hangfire/recurring");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            await using var c = new NpgsqlConnection(owner.ConnectionString);
            await c.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'hangfire'), (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name IN ('job', 'jobqueue', 'state', 'set', 'server'))", c);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(role, reader.GetString(0));
            Assert.Equal(5L, reader.GetInt64(1));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", admin).ExecuteNonQueryAsync();
        }
    }
}

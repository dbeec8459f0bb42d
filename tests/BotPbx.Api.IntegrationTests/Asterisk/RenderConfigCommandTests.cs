using BotPbx.TestSupport;

namespace BotPbx.Api.IntegrationTests.Asterisk;

/// <summary>
/// `dotnet BotPbx.Api.dll render-asterisk-config`, as installer/asterisk.sh runs it: render the saved PBX into
/// ASTERISK_CONFIG_DIR/botpbx without AMI, print the files, never a secret, and exit.
/// </summary>
public sealed class RenderConfigCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private const string AmiSecret = "ami-Secret-7c1e9a4b2d";
    private const string AriPassword = "ari-Password-5f83b0e6a1";

    private readonly string _asteriskDir = Path.Combine(Path.GetTempPath(), "botpbx-render-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_asteriskDir)) Directory.Delete(_asteriskDir, recursive: true);
    }

    private Dictionary<string, string> Environment(string databaseUrl) => new()
    {
        ["BOTPBX_DATABASE_URL"] = databaseUrl,
        ["ASTERISK_CONFIG_DIR"] = _asteriskDir,
        ["AMI_HOST"] = "127.0.0.1",
        ["AMI_PORT"] = ApiProcess.FreePort().ToString(global::System.Globalization.CultureInfo.InvariantCulture),
        ["AMI_USER"] = "botpbx",
        ["AMI_SECRET"] = AmiSecret,
        ["ARI_USER"] = "botpbx",
        ["ARI_PASSWORD"] = AriPassword,
        ["Database__StartupTimeoutSeconds"] = "2",
        // The dialplan's IVR hand-off names the FastAGI port; the command listens on nothing, so a fixed one is safe
        // (ApiProcess sets 0, "any free port", which only a running server can resolve).
        ["AGI_PORT"] = "4573",
    };

    [Fact]
    public async Task On_a_new_database_it_writes_every_file_with_the_AMI_and_ARI_users_and_prints_only_paths()
    {
        var result = await ApiProcess.RunUntilExitAsync(Environment(_database.ConnectionString), Limit, "render-asterisk-config");

        Assert.True(result.ExitCode == 0, result.Output);
        var generated = Path.Combine(_asteriskDir, "botpbx");
        foreach (var name in new[] { "manager.conf", "ari.conf", "pjsip.conf", "extensions.conf" })
        {
            Assert.True(File.Exists(Path.Combine(generated, name)), name + " missing");
            Assert.Contains($"written: {Path.Combine(generated, name)}", result.Output);
        }
        var manager = await File.ReadAllTextAsync(Path.Combine(generated, "manager.conf"));
        Assert.Contains("[botpbx]", manager);
        Assert.Contains("secret=" + AmiSecret, manager);
        Assert.Contains(AriPassword, await File.ReadAllTextAsync(Path.Combine(generated, "ari.conf")));
        Assert.DoesNotContain(AmiSecret, result.Output);
        Assert.DoesNotContain(AriPassword, result.Output);
    }

    [Fact]
    public async Task Run_again_it_reports_the_files_unchanged_and_creates_no_administrator()
    {
        var first = await ApiProcess.RunUntilExitAsync(Environment(_database.ConnectionString), Limit, "render-asterisk-config");
        Assert.True(first.ExitCode == 0, first.Output);

        var second = await ApiProcess.RunUntilExitAsync(Environment(_database.ConnectionString), Limit, "render-asterisk-config");

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("unchanged: " + Path.Combine(_asteriskDir, "botpbx", "manager.conf"), second.Output);
        Assert.DoesNotContain("written:", second.Output);
        // The service's first start creates the administrator from the password the installer hands it.
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM users", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_an_unreachable_database_it_exits_non_zero_and_writes_nothing()
    {
        var port = ApiProcess.FreePort();

        var result = await ApiProcess.RunUntilExitAsync(
            Environment($"postgresql://botpbx:Db-Secret-Pw-991@127.0.0.1:{port}/botpbx"), Limit, "render-asterisk-config");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Cannot connect to PostgreSQL", result.Output);
        Assert.DoesNotContain("Db-Secret-Pw-991", result.Output);
        Assert.DoesNotContain(AmiSecret, result.Output);
        Assert.False(Directory.Exists(Path.Combine(_asteriskDir, "botpbx")));
    }

    [Fact]
    public async Task A_too_short_AMI_secret_is_one_clear_error_line_and_a_non_zero_exit()
    {
        var environment = Environment(_database.ConnectionString);
        environment["AMI_SECRET"] = "short-1";

        var result = await ApiProcess.RunUntilExitAsync(environment, Limit, "render-asterisk-config");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.Output.Split('\n'), l => l.StartsWith("render-asterisk-config: cannot render", StringComparison.Ordinal));
        Assert.DoesNotContain("short-1", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.False(Directory.Exists(Path.Combine(_asteriskDir, "botpbx")));
    }
}

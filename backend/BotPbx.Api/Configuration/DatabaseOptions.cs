namespace BotPbx.Api.Configuration;

public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "BotPbx";

    /// <summary><c>postgresql://user:pass@host:port/db</c> or an Npgsql key/value string.</summary>
    [EnvironmentVariable("BOTPBX_DATABASE_URL")]
    public string? Url { get; set; }

    /// <summary>How long start-up keeps trying to reach PostgreSQL before giving up (exit code 1).</summary>
    public int StartupTimeoutSeconds { get; set; } = 20;

    /// <summary>The URL if set, else <c>ConnectionStrings:BotPbx</c>.</summary>
    public static string? Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = OptionsBinding.Read<DatabaseOptions>(configuration).Url;
        return string.IsNullOrWhiteSpace(url) ? configuration.GetConnectionString(ConnectionStringName) : url;
    }
}

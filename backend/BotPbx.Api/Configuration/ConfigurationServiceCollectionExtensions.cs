namespace BotPbx.Api.Configuration;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Binds every options class and makes Kestrel listen on HOST:PORT (and HTTPS_PORT with a certificate).</summary>
    public static WebApplicationBuilder AddBotPbxConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        // The service is started from any working directory (pm2, systemd), so its own appsettings.json is read from
        // next to the dll too — as the lowest-priority source, under the content root's files and the environment.
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(builder.Environment.ContentRootPath), Path.GetFullPath(AppContext.BaseDirectory),
                StringComparison.Ordinal))
        {
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                ReloadOnChange = false,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }
        var services = builder.Services;
        services.AddBotPbxOptions<ServerOptions>(configuration);
        services.AddBotPbxOptions<DatabaseOptions>(configuration);
        services.AddBotPbxOptions<AdminBootstrapOptions>(configuration);
        services.AddBotPbxOptions<AuthOptions>(configuration);
        services.AddBotPbxOptions<AsteriskOptions>(configuration);
        services.AddBotPbxOptions<AmiOptions>(configuration);
        services.AddBotPbxOptions<AgiOptions>(configuration);
        services.AddBotPbxOptions<AudioSocketOptions>(configuration);
        services.AddBotPbxOptions<AriOptions>(configuration);

        HttpsHosting.Listen(builder, OptionsBinding.Read<ServerOptions>(configuration));

        builder.Logging.AddSimpleConsole(console =>
        {
            // One line per event: what journald and pm2 logs show best, and what makes start-up errors readable.
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        return builder;
    }
}

namespace BotPbx.Api.Features.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>/metrics: prometheus-net's meter adapter for every meter but "BotPbx.Voice", which <see cref="VoiceMeterBridge"/> publishes by its own names.</summary>
    public static IServiceCollection AddBotPbxMetrics(this IServiceCollection services)
    {
        Prometheus.Metrics.ConfigureMeterAdapter(options =>
            options.InstrumentFilterPredicate = instrument => instrument.Meter.Name != VoiceMeterBridge.MeterName);
        services.AddSingleton<MetricsToken>();
        services.AddSingleton(sp => new VoiceMeterBridge(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<VoiceMeterBridge>());
        return services;
    }
}

using System.Net;
using BotPbx.Api.Configuration;
using BotPbx.Asterisk.Agi;
using BotPbx.Asterisk.Ari;
using BotPbx.Asterisk.AudioSocket;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BotPbx.Api.Hosting;

/// <summary>
/// Runs the two servers Asterisk connects to — FastAGI (IVR hand-off) and AudioSocket (AI agent audio) — and the
/// ARI connection (the botpbx Stasis application) for the lifetime of the host. Features register their handlers on the shared <see cref="AgiRouter"/> and find calls'
/// audio in the shared <see cref="AudioSocketSessionRegistry"/>.
/// </summary>
public static class ProtocolServersHosting
{
    public static IServiceCollection AddProtocolServers(this IServiceCollection services)
    {
        services.TryAddSingleton<AgiRouter>();
        services.TryAddSingleton<AudioSocketSessionRegistry>();
        services.AddSingleton<FastAgiHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<FastAgiHostedService>());
        services.AddSingleton<AudioSocketHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<AudioSocketHostedService>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AriChannelEventHub>();
        services.TryAddSingleton(sp => new BotPbx.Voice.Pipeline.FrameSentSignals(TimeProvider.System));
        services.AddSingleton<StasisRouter>(sp => new StasisRouter(sp.GetServices<IStasisFeature>(), sp.GetRequiredService<AriChannelEventHub>()));
        services.AddSingleton<AriClientHost>();
        services.AddHostedService(sp => sp.GetRequiredService<AriClientHost>());
        return services;
    }

    /// <summary>The listen address must be an IP literal: Asterisk's <c>agi://</c> and AudioSocket() dial one.</summary>
    internal static IPAddress ParseBindAddress(string value, string variable) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{variable} must be an IP address such as 127.0.0.1, not '{value}'.");
}

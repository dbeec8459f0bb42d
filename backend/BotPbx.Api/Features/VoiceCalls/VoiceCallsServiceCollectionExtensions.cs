using System.Diagnostics.Metrics;
using BotPbx.Api.Hosting;
using BotPbx.Voice.Calls;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.VoiceCalls;

public static class VoiceCallsServiceCollectionExtensions
{
    /// <summary>
    /// The AI agent call pipeline: the provider factory (every vendor kind), the BotPbx.Voice meter, and the handler of
    /// <c>Stasis(botpbx,agent,&lt;id&gt;)</c> that bridges the caller to BotPBX's AudioSocket server and runs the agent.
    /// The agent catalog and conversation store come from the Agents feature.
    /// </summary>
    public static IServiceCollection AddVoiceCalls(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient("BotPbx.Voice");
        services.TryAddSingleton(sp => new ProviderServices
        {
            Http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("BotPbx.Voice"),
            Time = sp.GetRequiredService<TimeProvider>(),
            SpeechModelsDirectory = Path.Combine(sp.GetRequiredService<IOptions<Configuration.ServerOptions>>().Value.DataDir, "speech"),
        });
        services.TryAddSingleton<IProviderFactory>(sp => ProviderFactory.CreateDefault(sp.GetRequiredService<ProviderServices>()));
        services.TryAddSingleton(sp => new VoiceMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new FrameSentSignals(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new VoiceOptions());
        services.TryAddSingleton(sp => new FunctionCaller(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("BotPbx.Voice"), sp.GetRequiredService<VoiceOptions>().FunctionTimeout));
        services.TryAddSingleton(sp =>
        {
            var audio = sp.GetRequiredService<IOptions<Configuration.AudioSocketOptions>>().Value;
            // Asterisk runs on this machine: a wildcard bind is reached on loopback.
            var host = audio.Host is "0.0.0.0" or "::" or "" ? "127.0.0.1" : audio.Host;
            return new AgentCallOptions { AudioSocketEndpoint = $"{host}:{audio.Port}" };
        });
        services.TryAddSingleton<AgentCallHandler>();
        services.AddSingleton<IStasisFeature, AgentStasisFeature>();
        return services;
    }
}

/// <summary>Maps <c>Stasis(botpbx,agent,…)</c> to the agent call handler.</summary>
internal sealed class AgentStasisFeature(AgentCallHandler handler) : IStasisFeature
{
    public string Kind => AgentCallHandler.StasisKind;

    public Task HandleAsync(BotPbx.Asterisk.Ari.AriClient ari, BotPbx.Asterisk.Ari.StasisStartEvent start, CancellationToken cancellationToken) =>
        handler.HandleAsync(ari, start, cancellationToken);
}

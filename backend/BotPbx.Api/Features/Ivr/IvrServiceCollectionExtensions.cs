using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Ivr.PbxIntegration;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Asterisk.Agi;
using BotPbx.Ivr.Agi;
using BotPbx.Ivr.Http;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Simulation;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Validation;
using BotPbx.Ivr.Versions;
using BotPbx.Telephony.Sounds;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BotPbx.Api.Features.Ivr;

public static class IvrServiceCollectionExtensions
{
    /// <summary>
    /// The IVR feature: settings (section "Ivr", with "Ivr:Http", "Ivr:Prompts", "Ivr:Simulation"), the validator with
    /// its reference sources, the prompt cache with flite, the interpreter over the database, the simulator, and the
    /// <c>ivr/{id}</c> route on the FastAGI router (the host that runs the FastAGI server uses the same router).
    /// </summary>
    public static IServiceCollection AddIvr(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Ivr");
        // Folders and the fallback prompt follow ASTERISK_SOUNDS / ASTERISK_SPOOL (AsteriskPaths); an explicit
        // Ivr:… setting still wins.
        var paths = new AsteriskPaths(OptionsBinding.Read<AsteriskOptions>(configuration));
        services.AddSingleton(Bind(section, new IvrOptions
        {
            MessagesDirectory = paths.IvrMessages,
            FallbackSound = SystemPrompts.PathOf(paths.SystemSounds, SystemPrompts.Error),
        }));
        services.AddSingleton(Bind(section, new IvrFeatureOptions { RecordingsDirectory = paths.IvrRecordings }));
        services.AddSingleton(Bind(section.GetSection("Http"), new IvrHttpOptions()));
        var prompts = Bind(section.GetSection("Prompts"), new PromptCacheOptions { Directory = paths.Prompts });
        services.AddSingleton(prompts);
        services.AddSingleton(Bind(section.GetSection("Simulation"), new SimulationOptions()));
        services.TryAddSingleton(TimeProvider.System);

        var flite = new FliteTextToSpeech();
        services.AddSingleton<ITextToSpeech>(flite);
        services.AddSingleton<PromptCache>();
        // BotPBX's own prompts (SystemPrompts), made at start-up and before each apply; flite's default voice, via sox.
        services.AddSingleton(sp => new SystemPromptMaker(flite, prompts.SoxExecutable, paths.SystemSounds,
            sp.GetRequiredService<ILogger<SystemPromptMaker>>()));
        services.AddHostedService<SystemPromptStartup>();
        services.AddSingleton<DirectoryRecordings>();
        services.AddSingleton<IIvrRecordings>(sp => sp.GetRequiredService<DirectoryRecordings>());
        services.AddSingleton<IPromptLibrary, PromptLibrary>();
        services.AddSingleton<IvrHttpClient>();
        services.AddSingleton<IvrRuntime>();

        services.AddSingleton<IvrStore>();
        services.AddSingleton<IvrTraceStore>();
        services.AddSingleton<IIvrTraceSink>(sp => sp.GetRequiredService<IvrTraceStore>());
        services.AddSingleton<IIvrFlowStore, DatabaseIvrFlowStore>();
        services.AddSingleton<IvrInterpreter>();
        services.AddSingleton<IvrAgiHandler>();
        services.TryAddSingleton<AgiRouter>();
        services.AddSingleton<SimulationSessions>();

        // The IVR inside the PBX: a destination of inbound routes and the like, and a user of PBX numbers.
        services.AddSingleton<IExternalDestinationSource, IvrDestinationSource>();
        services.AddSingleton<IPbxNumberUsers, IvrNumberUsers>();

        services.AddSingleton<IIvrReferenceSource, IvrTargetSource>();
        services.AddSingleton<IIvrReferenceSource, TtsEngineSource>();
        services.AddSingleton<IIvrReferenceSource>(sp => sp.GetRequiredService<DirectoryRecordings>());
        services.AddSingleton<CompositeReferenceChecker>();
        services.AddSingleton<IIvrReferenceChecker>(sp => sp.GetRequiredService<CompositeReferenceChecker>());
        services.AddSingleton<FlowValidator>();
        services.AddHostedService<IvrStartup>();
        return services;
    }

    /// <summary>Both IVR API groups; one call in Program.cs.</summary>
    public static IEndpointRouteBuilder MapIvrEndpoints(this IEndpointRouteBuilder app) => app.MapIvrApi().MapIvrRunApi();

    /// <summary>Binds <paramref name="section"/> over <paramref name="options"/>: keys that are set replace the derived defaults.</summary>
    private static T Bind<T>(IConfiguration section, T options)
    {
        section.Bind(options);
        return options;
    }
}

/// <summary>
/// Maps <c>ivr/{id}</c> on the FastAGI router, makes the folder recordMessage nodes record into (Asterisk makes none)
/// and says which flow references cannot be checked yet.
/// </summary>
internal sealed partial class IvrStartup(AgiRouter router, IvrAgiHandler handler, CompositeReferenceChecker references, IvrOptions options,
    ILogger<IvrStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        handler.Map(router);
        if (MessagesFolder.Ensure(options.MessagesDirectory) is { } reason) NoMessagesFolder(logger, options.MessagesDirectory, reason);
        var unchecked_ = string.Join(", ", references.UncheckedKinds);
        if (unchecked_.Length > 0) UncheckedReferences(logger, unchecked_);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The IVR messages folder {Directory} could not be made ({Reason}): recordMessage nodes will fail until it exists")]
    private static partial void NoMessagesFolder(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IVR validation cannot check these references yet (no feature provides them): {Kinds}; flows using them are accepted")]
    private static partial void UncheckedReferences(ILogger logger, string kinds);
}

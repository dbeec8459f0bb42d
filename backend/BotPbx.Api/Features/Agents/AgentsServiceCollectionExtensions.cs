using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Agents.Chat;
using BotPbx.Api.Features.Agents.Conversations;
using BotPbx.Api.Features.Agents.PbxIntegration;
using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Api.Features.Agents.Webhooks;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Ivr.Validation;
using BotPbx.Voice.Agents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BotPbx.Api.Features.Agents;

public static class AgentsServiceCollectionExtensions
{
    /// <summary>
    /// AI agents as data: the store, provider settings, the catalog and conversation store the call pipeline uses,
    /// and the agent's place in the PBX (a destination, a user of PBX numbers, a reference IVR flows may make).
    /// </summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentStore>();
        services.AddSingleton<AiProviderSettingsStore>();
        services.AddSingleton<IAgentCatalog, AgentCatalog>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton(OptionsBinding.Read<AgentWebhooksOptions>(configuration));
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookWakeup>();
        services.AddHostedService<WebhookDeliveryWorker>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<ChatSessionStore>();
        services.AddSingleton<ChatSessions>();
        services.AddSingleton<ChatRunner>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<ConversationStore>());

        services.AddSingleton<IExternalDestinationSource, AgentDestinationSource>();
        services.AddSingleton<IPbxNumberUsers, AgentNumberUsers>();
        services.AddSingleton<IIvrReferenceSource, AgentIvrReferenceSource>();
        services.AddSingleton<IAgentUsers, AgentIvrUsers>();
        return services;
    }

    /// <summary>/api/agents (with conversations and metrics) and /api/ai-providers; one call in Program.cs.</summary>
    public static IEndpointRouteBuilder MapAgentsEndpoints(this IEndpointRouteBuilder app) => app.MapAgentsApi().MapConversationsApi().MapAgentChatApi().MapAiProvidersApi();
}

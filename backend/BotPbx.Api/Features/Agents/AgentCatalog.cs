using System.Globalization;
using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// The call pipeline's view of the agents: one agent resolved for one call, with its providers' settings (keys
/// decrypted) and, when the call names one of its contexts (AI_CONTEXT, seed 002), that context's greeting and
/// prompt in place of the agent's own. An unknown context keeps the agent's defaults, as seed 002's "default" context does.
/// </summary>
public sealed class AgentCatalog(AgentStore store, AiProviderSettingsStore providers) : IAgentCatalog
{
    public async Task<AgentDefinition?> FindAsync(string idOrName, string? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        var key = idOrName.Trim();
        if (key.Length == 0) return null;
        // Names may not be all digits (AgentValidation), so digits are always an id.
        var record = key.All(char.IsAsciiDigit)
            ? long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await store.FindAsync(id, cancellationToken) : null
            : await store.FindByNameAsync(key, cancellationToken);
        if (record is null) return null;
        var resolve = await providers.ResolverAsync(cancellationToken);
        return ToDefinition(record, context, resolve);
    }

    /// <summary>The definition for a record already loaded (the try-it chat uses the same one as calls).</summary>
    public static AgentDefinition ToDefinition(AgentRecord record, string? context, Func<string, ProviderSettings?> resolve)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(resolve);
        var agent = record.Agent;
        var chosen = string.IsNullOrWhiteSpace(context)
            ? null
            : agent.Contexts.FirstOrDefault(c => string.Equals(c.Name, context.Trim(), StringComparison.OrdinalIgnoreCase));
        ProviderSettings Resolve(string providerId) =>
            resolve(providerId) ?? throw new InvalidOperationException($"agent {record.Id} names provider '{providerId}', which is not in the registry");
        return new AgentDefinition
        {
            Id = record.Id.ToString(CultureInfo.InvariantCulture),
            Name = agent.Name,
            Llm = Resolve(agent.LlmProvider),
            Model = agent.Model,
            Temperature = agent.Temperature,
            MaxTokens = agent.MaxTokens,
            SystemPrompt = chosen is { Prompt.Length: > 0 } ? chosen.Prompt : agent.SystemPrompt,
            Greeting = NullIfEmpty(chosen is { Greeting.Length: > 0 } ? chosen.Greeting : agent.Greeting),
            Tts = Resolve(agent.TtsEngine),
            Voice = NullIfEmpty(agent.TtsVoice),
            Speed = agent.TtsSpeed,
            Stt = Resolve(agent.SttEngine),
            SpeechToSpeech = agent.RealtimeProvider is { } realtime ? Resolve(realtime) : null,
            Language = agent.SttLanguage,
            SttModel = NullIfEmpty(agent.SttModel),
            MaxTurns = agent.MaxTurns,
            SilenceTimeout = TimeSpan.FromSeconds(agent.SilenceTimeoutSeconds),
            EndCallPhrases = agent.EndCallPhrases,
            Functions = [.. agent.Functions.Select(f => new AgentFunction(f.Name, f.Description, (System.Text.Json.Nodes.JsonObject)f.Parameters.DeepClone(),
                new Uri(f.Url), record.FunctionSecrets.GetValueOrDefault(f.Id!.Value)))],
            TransferTargets = [.. agent.TransferTargets.Select(t => new TransferTarget(t.Name, t.Kind, t.Number, NullIfEmpty(t.Description), t.Warm))],
            Webhooks = [.. agent.Webhooks.Select(w => new AgentWebhook(new Uri(w.Url), w.Events, record.WebhookSecrets[w.Id!.Value]))],
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

using System.Globalization;
using System.Text.RegularExpressions;
using BotPbx.Api.Features.Agents.Providers;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Agents;

/// <summary>
/// The agent form's rules. Defaults make the fully offline agent (flite + pocketsphinx) when only the name, the LLM
/// and the prompt are given. Field keys are the JSON paths sent (<c>functions[0].parameters</c>), so the page can put
/// each message next to its field. PBX references of transfer targets are checked separately, under the PBX lock
/// (<see cref="TransferTargetRules"/>).
/// </summary>
public static partial class AgentValidation
{
    public const int MaxPromptLength = 20_000;
    public const int MaxGreetingLength = 2_000;
    public const int MaxContexts = 50;
    public const int MaxFunctions = 32;
    public const int MaxWebhooks = 10;
    public const int MaxTransferTargets = 32;
    public const int MaxEndCallPhrases = 20;

    public static IReadOnlyList<string> WebhookEvents { get; } = ["call.start", "call.end", "transfer", "function.call"];
    public static IReadOnlyList<string> TransferKinds { get; } = ["extension", "queue", "ringGroup", "external"];

    /// <summary>The call pipeline's own tools (voicecore); a user function of the same name would be ambiguous to the model.</summary>
    public static IReadOnlyList<string> ReservedFunctionNames { get; } = ["transfer", "hangup", "hang_up", "end_call", "send_dtmf"];

    public static AgentDraft? Validate(AgentRequest request, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var name = request.Name?.Trim();
        if (errors.Required("name", name) && errors.MaxLength("name", name, 80) && errors.NoControlCharacters("name", name))
            errors.Check(!name!.All(char.IsAsciiDigit), "name", "must not be only digits (AI_AGENT reads digits as an agent id)");
        var description = request.Description ?? "";
        errors.MaxLength("description", description, 500);

        Provider(errors, "llmProvider", request.LlmProvider, AiProviderRole.Llm, required: true);
        Pattern(errors, "model", request.Model, ModelRegex(), 120, "must be a model name of letters, digits and . _ : / -", required: true);
        var temperature = request.Temperature ?? 0.7;
        errors.Check(temperature is >= 0 and <= 2, "temperature", "must be between 0 and 2");
        var maxTokens = request.MaxTokens ?? 300;
        errors.Range("maxTokens", maxTokens, 1, 32_000);
        if (errors.Required("systemPrompt", request.SystemPrompt)) errors.MaxLength("systemPrompt", request.SystemPrompt, MaxPromptLength);
        var greeting = request.Greeting ?? "";
        errors.MaxLength("greeting", greeting, MaxGreetingLength);

        var ttsEngine = request.TtsEngine ?? "flite";
        Provider(errors, "ttsEngine", ttsEngine, AiProviderRole.Tts, required: true);
        var ttsVoice = request.TtsVoice ?? "";
        Pattern(errors, "ttsVoice", ttsVoice, VoiceRegex(), 100, "must be a voice name of letters, digits, spaces and . _ -", required: false);
        var ttsSpeed = request.TtsSpeed ?? 1.0;
        errors.Check(ttsSpeed is >= 0.25 and <= 4, "ttsSpeed", "must be between 0.25 and 4");
        var sttEngine = request.SttEngine ?? "pocketsphinx";
        Provider(errors, "sttEngine", sttEngine, AiProviderRole.Stt, required: true);
        var language = request.SttLanguage ?? "en-US";
        Pattern(errors, "sttLanguage", language, LanguageRegex(), 35, "must be a language tag such as en-US or en", required: true);
        var sttModel = request.SttModel ?? "";
        Pattern(errors, "sttModel", sttModel, ModelRegex(), 120, "must be a model name of letters, digits and . _ : / -", required: false);
        var realtime = string.IsNullOrEmpty(request.RealtimeProvider) ? null : request.RealtimeProvider;
        Provider(errors, "realtimeProvider", realtime, AiProviderRole.SpeechToSpeech, required: false);

        // Optional: an agent without a number is still a destination; one with a number is also dialled from phones.
        var number = string.IsNullOrEmpty(request.Number) ? null : request.Number;
        if (number is not null) errors.Check(BotPbx.Telephony.Validation.Rules.InternalNumber.IsMatch(number), "number", "must be 2 to 8 digits and not start with 0");
        var maxTurns = request.MaxTurns ?? 20;
        errors.Range("maxTurns", maxTurns, 1, 200);
        var silence = request.SilenceTimeoutSeconds ?? 8;
        errors.Range("silenceTimeoutSeconds", silence, 1, 120);
        var phrases = EndCallPhrases(errors, request.EndCallPhrases ?? []);

        var contexts = Contexts(errors, request.Contexts ?? []);
        var functions = Functions(errors, request.Functions ?? []);
        var webhooks = Webhooks(errors, request.Webhooks ?? []);
        var targets = TransferTargets(errors, request.TransferTargets ?? []);
        if (errors.Any) return null;
        return new AgentDraft
        {
            Name = name!, Description = description, LlmProvider = request.LlmProvider!, Model = request.Model!, Temperature = temperature,
            MaxTokens = maxTokens, SystemPrompt = request.SystemPrompt!, Greeting = greeting, TtsEngine = ttsEngine, TtsVoice = ttsVoice,
            TtsSpeed = ttsSpeed, SttEngine = sttEngine, SttLanguage = language, SttModel = sttModel, RealtimeProvider = realtime, Number = number,
            MaxTurns = maxTurns, SilenceTimeoutSeconds = silence, EndCallPhrases = phrases, Contexts = contexts, Functions = functions,
            Webhooks = webhooks, TransferTargets = targets,
        };
    }

    private static void Provider(FieldErrors errors, string field, string? id, AiProviderRole role, bool required)
    {
        if (string.IsNullOrEmpty(id))
        {
            if (required) errors.Add(field, "is required");
            return;
        }
        if (AiProviderRegistry.Find(id) is not { } provider || provider.Role != role)
            errors.Add(field, $"must be one of {AiProviderRegistry.IdsFor(role)}");
    }

    private static bool Pattern(FieldErrors errors, string field, string? value, Regex pattern, int max, string message, bool required)
    {
        if (string.IsNullOrEmpty(value)) return !required || errors.Required(field, value);
        return errors.MaxLength(field, value, max) && errors.Check(pattern.IsMatch(value), field, message);
    }

    private static List<string> EndCallPhrases(FieldErrors errors, IReadOnlyList<string?> phrases)
    {
        errors.Check(phrases.Count <= MaxEndCallPhrases, "endCallPhrases", $"must hold at most {MaxEndCallPhrases} phrases");
        var result = new List<string>();
        for (var i = 0; i < phrases.Count; i++)
        {
            var field = Index("endCallPhrases", i);
            var phrase = phrases[i]?.Trim();
            if (errors.Required(field, phrase) && errors.MaxLength(field, phrase, 100) && errors.NoControlCharacters(field, phrase))
                result.Add(phrase!);
        }
        return result;
    }

    private static List<AgentContext> Contexts(FieldErrors errors, IReadOnlyList<AgentContextRequest?> contexts)
    {
        errors.Check(contexts.Count <= MaxContexts, "contexts", $"must hold at most {MaxContexts} contexts");
        var result = new List<AgentContext>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < contexts.Count; i++)
        {
            var context = contexts[i] ?? new AgentContextRequest(null, null, null);
            var field = Index("contexts", i);
            var name = context.Name?.Trim();
            // AI_CONTEXT is set in the dialplan: the name must be something Set() can carry without quoting.
            if (Pattern(errors, field + ".name", name, ContextNameRegex(), 64, "must be letters, digits, _ and - (as AI_CONTEXT names it)", required: true))
                errors.Check(names.Add(name!), field + ".name", "is used by another context of this agent");
            var greeting = context.Greeting ?? "";
            var prompt = context.Prompt ?? "";
            errors.MaxLength(field + ".greeting", greeting, MaxGreetingLength);
            errors.MaxLength(field + ".prompt", prompt, MaxPromptLength);
            errors.Check(greeting.Trim().Length > 0 || prompt.Trim().Length > 0, field + ".prompt", "give a greeting, a prompt or both");
            result.Add(new AgentContext(name ?? "", greeting, prompt));
        }
        return result;
    }

    private static List<FunctionDraft> Functions(FieldErrors errors, IReadOnlyList<AgentFunctionRequest?> functions)
    {
        errors.Check(functions.Count <= MaxFunctions, "functions", $"must hold at most {MaxFunctions} functions");
        var result = new List<FunctionDraft>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < functions.Count; i++)
        {
            var function = functions[i] ?? new AgentFunctionRequest(null, null, null, null, null);
            var field = Index("functions", i);
            // OpenAI's rule for tool names (Anthropic's is the same): ^[a-zA-Z0-9_-]{1,64}$.
            if (Pattern(errors, field + ".name", function.Name, FunctionNameRegex(), 64, "must be letters, digits, _ and - (up to 64)", required: true)
                && errors.Check(!ReservedFunctionNames.Contains(function.Name!, StringComparer.OrdinalIgnoreCase), field + ".name",
                    $"is a built-in tool ({string.Join(", ", ReservedFunctionNames)})"))
                errors.Check(names.Add(function.Name!), field + ".name", "is used by another function of this agent");
            if (errors.Required(field + ".description", function.Description)) errors.MaxLength(field + ".description", function.Description, 1_000);
            var parameters = FunctionSchema.Check(function.Parameters, errors, field + ".parameters");
            var url = WebUrl(errors, field + ".url", function.Url);
            if (parameters is not null && url is not null)
                result.Add(new FunctionDraft(function.Id, function.Name!, function.Description!, parameters, url));
        }
        return result;
    }

    private static List<WebhookDraft> Webhooks(FieldErrors errors, IReadOnlyList<AgentWebhookRequest?> webhooks)
    {
        errors.Check(webhooks.Count <= MaxWebhooks, "webhooks", $"must hold at most {MaxWebhooks} webhooks");
        var result = new List<WebhookDraft>();
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i] ?? new AgentWebhookRequest(null, null, null);
            var field = Index("webhooks", i);
            var url = WebUrl(errors, field + ".url", webhook.Url);
            var events = webhook.Events ?? [];
            var known = events.Count > 0 && events.All(e => e is not null && WebhookEvents.Contains(e, StringComparer.Ordinal));
            errors.Check(known, field + ".events", $"must name one or more of {string.Join(", ", WebhookEvents)}");
            errors.Check(events.Distinct(StringComparer.Ordinal).Count() == events.Count, field + ".events", "names an event twice");
            if (url is not null && known) result.Add(new WebhookDraft(webhook.Id, url, [.. events.OfType<string>()]));
        }
        return result;
    }

    private static List<AgentTransferTarget> TransferTargets(FieldErrors errors, IReadOnlyList<AgentTransferTargetRequest?> targets)
    {
        errors.Check(targets.Count <= MaxTransferTargets, "transferTargets", $"must hold at most {MaxTransferTargets} targets");
        var result = new List<AgentTransferTarget>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i] ?? new AgentTransferTargetRequest(null, null, null, null, null);
            var field = Index("transferTargets", i);
            var name = target.Name?.Trim();
            // The model names the target in its transfer call: a plain word it can repeat exactly.
            if (Pattern(errors, field + ".name", name, TargetNameRegex(), 64, "must be letters, digits, spaces, _ and -", required: true))
                errors.Check(names.Add(name!), field + ".name", "is used by another transfer target of this agent");
            var kindOk = errors.Check(target.Kind is not null && TransferKinds.Contains(target.Kind, StringComparer.Ordinal), field + ".kind",
                $"must be one of {string.Join(", ", TransferKinds)}");
            var numberOk = kindOk && TransferTargetRules.CheckNumberShape(errors, field + ".number", target.Kind!, target.Number);
            var description = target.Description ?? "";
            errors.MaxLength(field + ".description", description, 500);
            if (kindOk && numberOk) result.Add(new AgentTransferTarget(name ?? "", target.Kind!, target.Number!, description, target.Warm ?? false));
        }
        return result;
    }

    /// <summary>An absolute http(s) URL without user info (a password in a URL would be shown back on every read).</summary>
    private static string? WebUrl(FieldErrors errors, string field, string? value)
    {
        if (!errors.Required(field, value) || !errors.MaxLength(field, value, 2_000)) return null;
        var ok = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0 && !value!.Any(char.IsWhiteSpace);
        return errors.Check(ok, field, "must be an absolute http:// or https:// URL without user name or password") ? value : null;
    }

    private static string Index(string collection, int index) => string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}]");

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:/-]*\z", RegexOptions.CultureInvariant)] private static partial Regex ModelRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9 ._-]*\z", RegexOptions.CultureInvariant)] private static partial Regex VoiceRegex();
    [GeneratedRegex(@"\A[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\z", RegexOptions.CultureInvariant)] private static partial Regex LanguageRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)] private static partial Regex ContextNameRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)] private static partial Regex FunctionNameRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9 _-]*\z", RegexOptions.CultureInvariant)] private static partial Regex TargetNameRegex();
}

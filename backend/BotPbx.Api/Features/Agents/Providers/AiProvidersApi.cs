using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Agents.Providers;

/// <summary>A provider on the AI Providers page. The key itself is never here: <c>hasApiKey</c> says whether one is set.</summary>
public sealed record AiProviderResponse(string Id, string Label, string Role, string Kind, bool NeedsKey, bool NeedsBaseUrl,
    string? DefaultBaseUrl, string? BaseUrl, bool HasApiKey);

/// <summary>
/// <c>PUT /api/ai-providers/{id}</c>: <c>apiKey</c> sets the key (write-only), <c>clearApiKey: true</c> removes it,
/// <c>baseUrl</c> overrides the default (null or "" restores it). A field left out keeps its value.
/// </summary>
public sealed record AiProviderUpdateRequest(string? ApiKey, bool? ClearApiKey, string? BaseUrl);

/// <summary>/api/ai-providers: keys and base URLs of the LLM, TTS, STT and speech-to-speech providers; administrators only.</summary>
public static class AiProvidersApi
{
    public const string ChangedAction = "aiProviders.changed";

    public static IEndpointRouteBuilder MapAiProvidersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ai-providers").WithTags("AI providers").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        group.MapGet("/", ListAsync).WithName("ListAiProviders").WithSummary("Every provider BotPBX has a client for, with hasApiKey and the base URL");
        group.MapPut("/{id}", UpdateAsync).Accepts<AiProviderUpdateRequest>("application/json").ProducesInputProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("UpdateAiProvider")
            .WithSummary("Set or clear a provider's key (write-only) and base URL; fields left out keep their value");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AiProviderResponse>>> ListAsync(AiProviderSettingsStore store, CancellationToken cancellationToken)
    {
        var stored = await store.AllAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AiProviderResponse>>([.. AiProviderRegistry.All.Select(p => ToResponse(p, stored.GetValueOrDefault(p.Id), store))]);
    }

    private static async Task<Results<Ok<AiProviderResponse>, ProblemHttpResult>> UpdateAsync(string id, HttpContext httpContext,
        AiProviderSettingsStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (AiProviderRegistry.Find(id) is not { } info) return ApiProblems.NotFound("No AI provider with this id.");
        var body = await PbxRequestBody.ReadObjectAsync(httpContext.Request, cancellationToken);
        var request = PbxRequestBody.Read<AiProviderUpdateRequest>(body, new Dictionary<string, string> { ["api_key"] = "apiKey", ["base_url"] = "baseUrl" });
        var setBaseUrl = body.Any(p => string.Equals(p.Key, "baseUrl", StringComparison.OrdinalIgnoreCase) ||
                                       string.Equals(p.Key, "base_url", StringComparison.OrdinalIgnoreCase));
        var errors = new FieldErrors();
        var key = request.ApiKey;
        if (key is not null)
            errors.Check(key.Length is > 0 and <= 1_000 && !key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)), "apiKey",
                "must be 1 to 1000 characters without spaces");
        errors.Check(!(key is not null && request.ClearApiKey == true), "clearApiKey", "send apiKey or clearApiKey, not both");
        Uri? baseUrl = null;
        if (!string.IsNullOrEmpty(request.BaseUrl))
        {
            var ok = Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out baseUrl) && baseUrl.Scheme is "http" or "https" or "ws" or "wss"
                && baseUrl.UserInfo.Length == 0 && baseUrl.Query.Length == 0 && request.BaseUrl.Length <= 500;
            errors.Check(ok, "baseUrl", "must be an absolute http(s) or ws(s) URL without user name, password or query");
        }
        if (errors.Any) return errors.ToProblem();

        await store.SaveAsync(id, key, request.ClearApiKey == true, baseUrl, setBaseUrl, httpContext.User.UserId(), cancellationToken);
        // Never the key: only what changed about it.
        await audit.WriteAsync(httpContext, ChangedAction, id, new
        {
            apiKey = key is not null ? "set" : request.ClearApiKey == true ? "cleared" : "unchanged",
            baseUrl = setBaseUrl ? baseUrl?.ToString() ?? "default" : "unchanged",
        }, cancellationToken);
        var stored = (await store.AllAsync(cancellationToken)).GetValueOrDefault(id);
        return TypedResults.Ok(ToResponse(info, stored, store));
    }

    private static AiProviderResponse ToResponse(AiProviderInfo info, StoredAiProvider? stored, AiProviderSettingsStore store) =>
        new(info.Id, info.Label, JsonNamingPolicy.CamelCase.ConvertName(info.Role.ToString()), info.Kind, info.NeedsKey, info.NeedsBaseUrl,
            info.DefaultBaseUrl?.ToString(), stored?.BaseUrl, store.HasUsableKey(stored));
}

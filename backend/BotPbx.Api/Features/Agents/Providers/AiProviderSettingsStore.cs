using System.Security.Cryptography;
using BotPbx.Api.Features.Settings;
using BotPbx.Voice.Providers;
using Microsoft.AspNetCore.DataProtection;

namespace BotPbx.Api.Features.Agents.Providers;

/// <summary>One provider's stored settings: its key (encrypted with ASP.NET data protection) and base URL override.</summary>
public sealed record StoredAiProvider(string? ProtectedApiKey, string? BaseUrl);

/// <summary>
/// Provider keys and base URLs, in <c>settings</c> under <see cref="Key"/>. Keys are encrypted at rest with the data
/// protection key ring (kept in PostgreSQL), decrypted only to build <see cref="ProviderSettings"/> for a call or
/// a try-it chat, and never returned by the API or written to a log (ProviderSettings.ToString leaves the key out).
/// </summary>
public sealed class AiProviderSettingsStore(SettingsStore settings, IDataProtectionProvider protection)
{
    public const string Key = "aiProviders";
    private readonly IDataProtector _protector = protection.CreateProtector("BotPbx.AiProviders.ApiKey.v1");

    public async Task<IReadOnlyDictionary<string, StoredAiProvider>> AllAsync(CancellationToken cancellationToken) =>
        await settings.GetAsync<Dictionary<string, StoredAiProvider>>(Key, cancellationToken) ?? [];

    /// <summary>What the provider factory needs for provider <paramref name="id"/>; null for an id the registry does not know.</summary>
    public async Task<ProviderSettings?> ResolveAsync(string id, CancellationToken cancellationToken)
    {
        if (AiProviderRegistry.Find(id) is not { } info) return null;
        var stored = (await AllAsync(cancellationToken)).GetValueOrDefault(id);
        return ToSettings(info, stored);
    }

    /// <summary>Several at once (one read of the settings row), for resolving an agent's three providers.</summary>
    public async Task<Func<string, ProviderSettings?>> ResolverAsync(CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        return id => AiProviderRegistry.Find(id) is { } info ? ToSettings(info, all.GetValueOrDefault(id)) : null;
    }

    /// <summary>Sets or clears the key and the base URL of one provider; other providers are untouched.</summary>
    public async Task SaveAsync(string id, string? apiKey, bool clearApiKey, Uri? baseUrl, bool setBaseUrl, long? updatedBy,
        CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, StoredAiProvider>(await AllAsync(cancellationToken));
        var current = all.GetValueOrDefault(id) ?? new StoredAiProvider(null, null);
        var next = current with
        {
            ProtectedApiKey = clearApiKey ? null : apiKey is not null ? _protector.Protect(apiKey) : current.ProtectedApiKey,
            BaseUrl = setBaseUrl ? baseUrl?.ToString() : current.BaseUrl,
        };
        all[id] = next;
        await settings.SetAsync(Key, all, updatedBy, cancellationToken);
    }

    private ProviderSettings ToSettings(AiProviderInfo info, StoredAiProvider? stored)
    {
        string? key = null;
        if (stored?.ProtectedApiKey is { } protectedKey)
        {
            try
            {
                key = _protector.Unprotect(protectedKey);
            }
            catch (CryptographicException)
            {
                // The key ring lost the key that encrypted it (a database restored without its key ring): as if unset,
                // and the settings page shows hasApiKey: false so the admin enters it again.
                key = null;
            }
        }
        var baseUrl = stored?.BaseUrl is { } url ? new Uri(url) : info.DefaultBaseUrl;
        return new ProviderSettings(info.Kind, key, baseUrl);
    }

    /// <summary>Whether a stored key can still be decrypted.</summary>
    public bool HasUsableKey(StoredAiProvider? stored)
    {
        if (stored?.ProtectedApiKey is not { } protectedKey) return false;
        try
        {
            _ = _protector.Unprotect(protectedKey);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

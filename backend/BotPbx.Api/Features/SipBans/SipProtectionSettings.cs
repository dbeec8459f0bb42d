using BotPbx.Api.Problems;
using BotPbx.Telephony.Security;

namespace BotPbx.Api.Features.SipBans;

/// <summary>
/// The SIP brute-force protection settings as the API shows and stores them (settings key <c>sip_protection</c>).
/// <see cref="AllowList"/> holds canonical CIDR ranges; addresses in it are never counted or banned.
/// </summary>
public sealed record SipProtectionSettings(bool Enabled, int MaxFailures, int WindowSeconds, int BanSeconds, IReadOnlyList<string> AllowList)
{
    public const string Key = "sip_protection";

    public const int MaxAllowListEntries = 200;

    public static SipProtectionSettings Defaults { get; } = From(SipBanPolicy.Default);

    public static SipProtectionSettings From(SipBanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SipProtectionSettings(policy.Enabled, policy.MaxFailures, (int)policy.Window.TotalSeconds,
            (int)policy.BanDuration.TotalSeconds, [.. policy.AllowList.Select(r => r.ToString())]);
    }

    /// <summary>The policy the counter applies. Stored settings were validated when saved; a range that no longer parses is skipped.</summary>
    public SipBanPolicy ToPolicy() => new()
    {
        Enabled = Enabled,
        MaxFailures = MaxFailures,
        Window = TimeSpan.FromSeconds(WindowSeconds),
        BanDuration = TimeSpan.FromSeconds(BanSeconds),
        AllowList = [.. (AllowList ?? []).Select(text => AddressRange.TryParse(text, out var range, out _) ? range : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>()],
    };

    /// <summary>Checks a request field by field; on success returns the settings to store (ranges canonical, duplicates dropped).</summary>
    public static (SipProtectionSettings? Settings, FieldErrors Errors) Validate(SipProtectionSettingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.Check(request.Enabled is not null, "enabled", "is required");
        if (errors.Check(request.MaxFailures is not null, "maxFailures", "is required")) errors.Range("maxFailures", request.MaxFailures!.Value, 1, 1000);
        if (errors.Check(request.WindowSeconds is not null, "windowSeconds", "is required"))
            errors.Range("windowSeconds", request.WindowSeconds!.Value, 1, 86_400);
        if (errors.Check(request.BanSeconds is not null, "banSeconds", "is required"))
            errors.Range("banSeconds", request.BanSeconds!.Value, 60, 31_536_000);
        var ranges = new List<string>();
        if (errors.Check(request.AllowList is not null, "allowList", "is required")
            && errors.Check(request.AllowList!.Count <= MaxAllowListEntries, "allowList", $"must have at most {MaxAllowListEntries} entries"))
        {
            for (var i = 0; i < request.AllowList.Count; i++)
            {
                var field = $"allowList[{i}]";
                if (AddressRange.TryParse(request.AllowList[i], out var range, out var error)) ranges.Add(range.ToString());
                else errors.Add(field, error);
            }
        }
        if (errors.Any) return (null, errors);
        return (new SipProtectionSettings(request.Enabled!.Value, request.MaxFailures!.Value, request.WindowSeconds!.Value,
            request.BanSeconds!.Value, [.. ranges.Distinct(StringComparer.Ordinal)]), errors);
    }
}

/// <summary>PUT body; every field is required (nullable here so a missing one is a 422 naming it, not a silent default).</summary>
public sealed record SipProtectionSettingsRequest(bool? Enabled, int? MaxFailures, int? WindowSeconds, int? BanSeconds, IReadOnlyList<string>? AllowList);

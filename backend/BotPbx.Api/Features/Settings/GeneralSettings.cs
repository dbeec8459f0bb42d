using System.Text.RegularExpressions;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Settings;

/// <summary>The system-wide settings of API-CONTRACT.md (stored under the key "general").</summary>
public sealed partial record GeneralSettings(string CompanyName, string TimeZone, string Language)
{
    public const string Key = "general";

    public static GeneralSettings Defaults { get; } = new("BotPBX", "UTC", "en");

    [GeneratedRegex(@"\A[a-z]{2,3}(-[A-Z]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    public static FieldErrors Validate(string? companyName, string? timeZone, string? language)
    {
        var errors = new FieldErrors();
        if (errors.Required("companyName", companyName))
        {
            errors.MaxLength("companyName", companyName, 100);
            errors.NoControlCharacters("companyName", companyName);
        }
        if (errors.Required("timeZone", timeZone))
        {
            // IANA names ("Europe/Berlin"), as Asterisk and the browser use them.
            errors.Check(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone!, out _), "timeZone",
                "must be an IANA time zone such as Europe/Berlin or UTC");
        }
        if (errors.Required("language", language))
        {
            errors.Check(LanguageTag().IsMatch(language!), "language", "must be a language tag such as en or pt-BR");
        }
        return errors;
    }
}

public sealed record GeneralSettingsRequest(string? CompanyName, string? TimeZone, string? Language);

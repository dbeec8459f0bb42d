using PhoneNumbers;

namespace BotPbx.Dialer.Contacts;

/// <summary>
/// Numbers to E.164 with Google's libphonenumber (libphonenumber-csharp): "(555) 123-4567" in region US is
/// +15551234567; a number already starting with + ignores the region. Only numbers libphonenumber calls possible for
/// their country are accepted, so "123" or a 20-digit string is an error with a reason, not a call.
/// </summary>
public sealed class PhoneNormalizer(string defaultRegion)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion.ToUpperInvariant();

    public static bool IsKnownRegion(string? region) =>
        region is not null && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>E.164 ("+15551234567"), or null with the reason.</summary>
    public string? Normalize(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "phone is empty";
            return null;
        }
        if (text.Length > 40)
        {
            error = "phone is longer than 40 characters";
            return null;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, DefaultRegion);
        }
        catch (NumberParseException e)
        {
            error = "not a phone number (" + Reason(e.ErrorType) + ")";
            return null;
        }
        if (!Util.IsPossibleNumber(number))
        {
            error = "not a possible number for its country";
            return null;
        }
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    private static string Reason(ErrorType type) => type switch
    {
        ErrorType.INVALID_COUNTRY_CODE => "unknown country code; write it with + and the country code",
        ErrorType.NOT_A_NUMBER => "no digits",
        ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "too short",
        ErrorType.TOO_LONG => "too long",
        _ => type.ToString(),
    };
}

using System.Text.RegularExpressions;

namespace BotPbx.Telephony.Validation;

/// <summary>
/// Every allow-list used for values that reach Asterisk. Patterns are anchored with \A…\z (a $ would accept a
/// trailing newline) and use ASCII classes only (\d would accept other scripts' digits).
/// </summary>
public static partial class Rules
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    // Declared first: static properties initialise in textual order and Codec's message reads this list.
    public static IReadOnlyList<string> KnownCodecs { get; } =
        ["alaw", "g722", "g726", "g729", "gsm", "h264", "ilbc", "opus", "slin", "speex", "ulaw", "vp8"];

    /// <summary>Internal numbers: 2–8 digits, not starting with 0 (0 and 9 often prefix outside lines).</summary>
    public static TextRule InternalNumber { get; } =
        new("internal number", InternalNumberRegex(), 8, "must be 2 to 8 digits and not start with 0");

    /// <summary>Display names: shown in caller ID (<c>callerid="Name" &lt;1001&gt;</c>), so no quotes, no separators.</summary>
    public static TextRule Name { get; } =
        new("name", NameRegex(), 64, "may contain only ASCII letters, digits, spaces and . _ ' - and must start with a letter or digit");

    /// <summary>SIP passwords of extensions: long and from a set that needs no quoting in pjsip.conf.</summary>
    public static TextRule ExtensionSecret { get; } =
        new("secret", ExtensionSecretRegex(), 128, "must be 12 to 128 characters from A-Z a-z 0-9 . _ ~ + - @ % ^ * ! =");

    /// <summary>Passwords issued by providers: same character set, any length from 1.</summary>
    public static TextRule TrunkPassword { get; } =
        new("password", TrunkPasswordRegex(), 128, "may contain only A-Z a-z 0-9 . _ ~ + - @ % ^ * ! =");

    /// <summary>Names that become a config section (the AMI and ARI users BotPBX logs in as).</summary>
    public static TextRule SectionName { get; } =
        new("section", SectionNameRegex(), 40, "may contain only letters, digits and . _ -");

    public static TextRule SipUser { get; } =
        new("SIP user", SipUserRegex(), 64, "may contain only letters, digits and . _ ~ + -");

    /// <summary>DNS names and IPv4 addresses (IPv6 literals need brackets, which config injection rules exclude).</summary>
    public static TextRule Host { get; } =
        new("host", HostRegex(), 253, "must be a host name or IPv4 address");

    /// <summary>pjsip identify <c>match</c>: an IPv4 address, an IPv4 CIDR, or a host name.</summary>
    public static TextRule MatchAddress { get; } =
        new("address", MatchAddressRegex(), 253, "must be an IPv4 address, IPv4/prefix, or host name");

    public static TextRule Cidr { get; } =
        new("network", CidrRegex(), 18, "must be an IPv4 network like 192.168.0.0/16");

    public static TextRule IPv4 { get; } =
        new("address", IPv4Regex(), 15, "must be an IPv4 address");

    public static TextRule HostPort { get; } =
        new("host:port", HostPortRegex(), 259, "must be host or host:port");

    public static TextRule Email { get; } =
        new("e-mail", EmailRegex(), 254, "must be an e-mail address");

    /// <summary>Numbers dialled out or forwarded to: digits with an optional leading +.</summary>
    public static TextRule DialNumber { get; } =
        new("number", DialNumberRegex(), 32, "must be digits with an optional leading +");

    public static TextRule CallerIdNumber { get; } =
        new("caller ID", CallerIdRegex(), 20, "must be 2 to 20 digits with an optional leading +");

    /// <summary>
    /// Asterisk dial patterns such as _9NXXNXXXXXX, 011., NXXNXXXXXX, 911, +. (no character classes in brackets: [ and ]
    /// are config syntax). The builder checks the same rule; schemas/dial-pattern-cases.json holds the cases both run.
    /// </summary>
    public static TextRule DialPattern { get; } =
        new("pattern", DialPatternRegex(), 64, "must be digits, X, N, Z, * or # (or a + followed by them) with an optional leading _ and trailing . or !; [ ] classes are not supported");

    /// <summary>Digits added in front of an outbound number.</summary>
    public static TextRule Prepend { get; } =
        new("prepend", PrependRegex(), 16, "must be digits, * or # with an optional leading +");

    public static TextRule Pin { get; } =
        new("PIN", PinRegex(), 10, "must be 4 to 10 digits");

    public static TextRule ConferencePin { get; } =
        new("PIN", ConferencePinRegex(), 10, "must be 3 to 10 digits");

    public static TextRule FeatureCode { get; } =
        new("feature code", FeatureCodeRegex(), 5, "must be * followed by 1 to 4 digits");

    public static TextRule Codec { get; } =
        new("codec", CodecRegex(), 10, "must be one of " + string.Join(", ", KnownCodecs));

    public static TextRule MohClassName { get; } =
        new("class", MohClassRegex(), 32, "must be lower-case letters, digits, _ or - (up to 32)");

    /// <summary>An Asterisk sound name without extension, e.g. queue-periodic-announce or custom/welcome.</summary>
    public static TextRule SoundFile { get; } =
        new("sound", SoundFileRegex(), 128, "must be a sound name of lower-case letters, digits, _ - and /");

    public static TextRule TimeOfDay { get; } =
        new("time", TimeOfDayRegex(), 5, "must be HH:mm (00:00 to 23:59)");

    public static TextRule TimeZoneName { get; } =
        new("time zone", TimeZoneRegex(), 64, "must be an IANA time zone like America/New_York");

    /// <summary>Ids of objects owned by other modules (IVR flows, AI agents): numeric ids or GUIDs.</summary>
    public static TextRule ObjectId { get; } =
        new("id", ObjectIdRegex(), 64, "must be an id of letters, digits and -");

    public static TextRule FilePath { get; } =
        new("path", FilePathRegex(), 255, "must be an absolute path of letters, digits and . _ - /");

    public static TextRule Provider { get; } =
        new("provider", ProviderRegex(), 16, "must be twilio, telnyx, voipms or custom");

    public static bool IsKnownTimeZone(string zone) =>
        TimeZoneName.IsMatch(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    [GeneratedRegex(@"\A[1-9][0-9]{1,7}\z", Options)] private static partial Regex InternalNumberRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9 ._'-]*\z", Options)] private static partial Regex NameRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9._~+\-@%^*!=]{12,128}\z", Options)] private static partial Regex ExtensionSecretRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9._~+\-@%^*!=]+\z", Options)] private static partial Regex TrunkPasswordRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9._~+\-]+\z", Options)] private static partial Regex SipUserRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9._-]*\z", Options)] private static partial Regex SectionNameRegex();
    [GeneratedRegex(@"\A(?=.{1,253}\z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z", Options)] private static partial Regex HostRegex();
    [GeneratedRegex(@"\A(?:(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}(?:/(?:3[0-2]|[12]?[0-9]))?|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)\z", Options)] private static partial Regex MatchAddressRegex();
    [GeneratedRegex(@"\A(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}/(?:3[0-2]|[12]?[0-9])\z", Options)] private static partial Regex CidrRegex();
    [GeneratedRegex(@"\A(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}\z", Options)] private static partial Regex IPv4Regex();
    [GeneratedRegex(@"\A[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[1-9][0-9]{0,4})?\z", Options)] private static partial Regex HostPortRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,187}[A-Za-z0-9])?\.[A-Za-z]{2,24}\z", Options)] private static partial Regex EmailRegex();
    [GeneratedRegex(@"\A\+?[0-9]{1,31}\z", Options)] private static partial Regex DialNumberRegex();
    [GeneratedRegex(@"\A\+?[0-9]{2,19}\z", Options)] private static partial Regex CallerIdRegex();
    [GeneratedRegex(@"\A_?(?:\+[0-9XNZxnz*#]{0,61}|[0-9XNZxnz*#]{1,62})[.!]?\z", Options)] private static partial Regex DialPatternRegex();
    [GeneratedRegex(@"\A(?:\+|\+?[0-9*#]{1,15})\z", Options)] private static partial Regex PrependRegex();
    [GeneratedRegex(@"\A[0-9]{4,10}\z", Options)] private static partial Regex PinRegex();
    [GeneratedRegex(@"\A[0-9]{3,10}\z", Options)] private static partial Regex ConferencePinRegex();
    [GeneratedRegex(@"\A\*[0-9]{1,4}\z", Options)] private static partial Regex FeatureCodeRegex();
    [GeneratedRegex(@"\A(?:alaw|g722|g726|g729|gsm|h264|ilbc|opus|slin|speex|ulaw|vp8)\z", Options)] private static partial Regex CodecRegex();
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,31}\z", Options)] private static partial Regex MohClassRegex();
    [GeneratedRegex(@"\A[a-z0-9_-]+(?:/[a-z0-9_-]+)*\z", Options)] private static partial Regex SoundFileRegex();
    [GeneratedRegex(@"\A(?:[01][0-9]|2[0-3]):[0-5][0-9]\z", Options)] private static partial Regex TimeOfDayRegex();
    [GeneratedRegex(@"\A(?:UTC|[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+-]+){1,2})\z", Options)] private static partial Regex TimeZoneRegex();
    [GeneratedRegex(@"\A[A-Za-z0-9-]+\z", Options)] private static partial Regex ObjectIdRegex();
    [GeneratedRegex(@"\A(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)+\z", Options)] private static partial Regex FilePathRegex();
    [GeneratedRegex(@"\A(?:twilio|telnyx|voipms|custom)\z", Options)] private static partial Regex ProviderRegex();
}

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The dialable-characters rule: a number that came from a phone (or from AstDB, which phones write through feature
/// codes) reaches a <c>Dial</c>, <c>Gosub</c>, <c>Goto</c> or AstDB write only when every character is one of
/// <see cref="Characters"/>. A pattern such as <c>_9011.</c> matches anything after 9011 — <c>.</c> is "one or more of
/// any character" — so without this check <c>90111&amp;PJSIP/2101</c> became <c>Dial(PJSIP/0111&amp;PJSIP/2101@trunk)</c>
/// and <c>&amp;</c> added a second target; a <c>,</c> would add Dial options, and a <c>)</c> or <c>,</c> inside Gosub
/// arguments would shift them. A call whose number holds anything else is sent to <c>botpbx-denied</c>: it is refused,
/// never "cleaned" (dropping characters from <c>1&amp;2101</c> would dial a different number, 12101).
/// </summary>
internal static class Dialable
{
    /// <summary>FILTER()'s allowed-characters argument: digits, *, # and +. Letters are not dialled by BotPBX.</summary>
    public const string Characters = "0-9*#+";

    /// <summary>
    /// <c>GotoIf</c> to <c>botpbx-denied</c> unless <paramref name="variable"/> (e.g. <c>${EXTEN}</c>) is made of
    /// dialable characters only. Lengths are compared, not the strings: Asterisk substitutes the raw value into the
    /// expression, and a value holding <c>"</c> or <c>|</c> could rewrite a string comparison (<c>1" | "1</c>), while
    /// <c>LEN()</c> always yields digits. <c>FILTER()</c> only ever removes characters, so equal lengths mean nothing was
    /// removed. A comma splits FILTER's arguments and a quote is dropped by its argument parser; either only shortens
    /// the filtered value, so such a number is refused too (func_strings.c: FILTER, LEN; Asterisk "Expressions" docs).
    /// </summary>
    public static string Guard(string variable) =>
        $"GotoIf($[${{LEN(${{FILTER({Characters},{variable})}})}}!=${{LEN({variable})}}]?{Denied})";

    /// <summary>Where a refused number goes: a recorded "no service" message and hang-up (cause 21, call rejected).</summary>
    public const string Denied = "botpbx-denied,s,1";
}

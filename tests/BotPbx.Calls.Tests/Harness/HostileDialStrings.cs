using System.Text;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// Dial strings an attacker would try from a phone: dialplan and dial-string metacharacters (<c>&amp; , ( ) ${ } / |
/// ; [ ]</c>), spaces, very long strings, and all of those appended to a route's valid prefix. Deterministic for a
/// seed, so a failure can be replayed. The victim's own number is never produced on its own (dialling it is legal).
/// </summary>
public static class HostileDialStrings
{
    private static readonly string[] Fragments =
    [
        "&", ",", "(", ")", "${", "}", "/", "|", ";", "[", "]", " ", "\"", "'", "\\", "$[", "@", ":", "%", "~", "`",
        "&PJSIP/", "&Local/", ",,G(", "${SHELL(id)}", "${EXTEN}", ")&(", "@botpbx-internal", "/n", "#", "*", "+",
    ];

    public static IEnumerable<string> Generate(int seed, int count, string routePrefix, string victimNumber)
    {
        var random = new Random(seed);
        var produced = 0;
        // The classic ones first.
        foreach (var known in new[]
                 {
                     $"{routePrefix}5551234&PJSIP/{victimNumber}", $"{routePrefix}0111&PJSIP/{victimNumber}&PJSIP/0", $"{routePrefix}555&PJSIP/{victimNumber}", $"{victimNumber}&PJSIP/{victimNumber}",
                     $"{routePrefix}5551234,,G(botpbx-internal^{victimNumber}^1)", $"{routePrefix}${{SHELL(id)}}", $"{routePrefix}555)&(1",
                     $"*72{victimNumber}&PJSIP/{victimNumber}", $"*90${{SHELL(id)}}", $"*52,,G(botpbx-internal^{victimNumber}^1)", "*72123)(",
                     new string('9', 300), routePrefix + new string('5', 200), $"{routePrefix}5551234 {victimNumber}",
                 })
        {
            produced++;
            yield return known;
        }
        while (produced < count)
        {
            var text = new StringBuilder();
            switch (random.Next(6))
            {
                case 0 or 1 or 2: text.Append(routePrefix); break;
                case 3: text.Append(new[] { "*72", "*90", "*52" }[random.Next(3)]); break;
            }
            var parts = random.Next(1, 6);
            for (var i = 0; i < parts; i++)
            {
                switch (random.Next(4))
                {
                    case 0: text.Append(Fragments[random.Next(Fragments.Length)]); break;
                    case 1: text.Append(random.Next(0, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                    case 2: text.Append(random.Next(2) == 0 ? victimNumber : $"&PJSIP/{victimNumber}&"); break;
                    default: text.Append((char)random.Next(33, 127)); break;
                }
            }
            if (random.Next(40) == 0) text.Append(new string('7', random.Next(50, 400)));
            var candidate = text.ToString();
            if (candidate == victimNumber || candidate.Length == 0) continue;
            produced++;
            yield return candidate;
        }
    }
}

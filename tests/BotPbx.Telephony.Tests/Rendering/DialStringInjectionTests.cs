using System.Text.RegularExpressions;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>
/// Attack "dial-string injection": 2002 dialled <c>90111&amp;PJSIP/2101</c> on route <c>9011.</c> and Asterisk ran
/// <c>Dial(PJSIP/0111&amp;PJSIP/2101@botpbx-trunk-1,,)</c>. Every path from a dialled string to Dial, Gosub, Goto or an
/// AstDB write must first pass the dialable-characters guard (digits, *, #, +; see docs/security.md).
/// </summary>
public class DialStringInjectionTests
{
    private static readonly string Dialplan = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["extensions.conf"];

    private static string Guard(string variable) =>
        $"GotoIf($[${{LEN(${{FILTER(0-9*#+,{variable})}})}}!=${{LEN({variable})}}]?botpbx-denied,s,1)";

    /// <summary>Each extension block: its pattern and its applications in priority order.</summary>
    private static List<(string Context, string Exten, List<string> Apps)> Blocks()
    {
        var blocks = new List<(string, string, List<string>)>();
        var context = "";
        foreach (var line in Dialplan.Split('\n'))
        {
            if (line.StartsWith('[')) context = line.Trim('[', ']');
            else if (line.StartsWith("exten => ", StringComparison.Ordinal) && !line.Contains(",hint,", StringComparison.Ordinal))
            {
                var rest = line["exten => ".Length..];
                var comma = rest.IndexOf(",1,", StringComparison.Ordinal);
                blocks.Add((context, rest[..comma], [rest[(comma + 3)..]]));
            }
            else if (line.StartsWith(" same => ", StringComparison.Ordinal) && blocks.Count > 0)
            {
                var app = Regex.Replace(line, @"^ same => n(\([^)]*\))?,", "");
                blocks[^1].Item3.Add(app);
            }
        }
        return blocks;
    }

    [Fact]
    public void Every_wildcard_extension_that_uses_the_dialled_string_checks_it_first()
    {
        var wildcards = Blocks().Where(b => b.Exten.StartsWith('_') && (b.Exten.Contains('.') || b.Exten.Contains('!'))).ToList();
        var users = wildcards.Where(b => b.Apps.Any(a => a.Contains("${EXTEN", StringComparison.Ordinal))).ToList();
        // Route 9011., the two forwarding patterns, the device context and the three forwarding feature codes.
        Assert.True(users.Count >= 7, $"only {users.Count} wildcard blocks use ${{EXTEN}}");
        foreach (var (context, exten, apps) in users)
            Assert.True(apps[0] == Guard("${EXTEN}"), $"{context} {exten} starts with {apps[0]}");
    }

    [Fact]
    public void The_injection_route_9011_refuses_before_the_allow_list_and_the_gosub()
    {
        var block = Blocks().Single(b => b is { Context: "botpbx-outrt-2", Exten: "_9011." });
        Assert.Equal(Guard("${EXTEN}"), block.Apps[0]);
        Assert.Contains("DIALPLAN_EXISTS", block.Apps[1], StringComparison.Ordinal);
        Assert.StartsWith("Gosub(botpbx-outrt-2-dial,s,1(+${EXTEN:4}))", block.Apps[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_trunk_dial_subroutine_checks_its_number_before_dialling()
    {
        var subs = Blocks().Where(b => b.Apps.Any(a => a.StartsWith("Dial(PJSIP/${ARG1}@", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(subs);
        foreach (var (context, _, apps) in subs)
        {
            Assert.True(apps[0] == Guard("${ARG1}"), context + " starts with " + apps[0]);
            Assert.All(apps.Where(a => a.StartsWith("Dial(", StringComparison.Ordinal)), a => Assert.Matches(@"^Dial\(PJSIP/\$\{ARG1\}@botpbx-trunk-\d+,,\)$", a));
        }
    }

    [Theory]
    [InlineData("*72", "cfa")]
    [InlineData("*90", "cfb")]
    [InlineData("*52", "cfn")]
    public void Forwarding_feature_codes_store_only_checked_numbers(string code, string key)
    {
        var block = Blocks().Single(b => b.Exten == "_" + code + "X.");
        var store = block.Apps.FindIndex(a => a.StartsWith($"Set(DB(BOTPBX/${{BOTPBX_EXT}}/{key})=", StringComparison.Ordinal));
        Assert.True(store > 0);
        Assert.Equal(Guard("${EXTEN}"), block.Apps[0]);
    }

    [Fact]
    public void A_stored_forward_target_is_checked_before_goto()
    {
        var gotos = Blocks().SelectMany(b => b.Apps.Select((a, i) => (b.Apps, i, a)))
            .Where(x => x.a.Contains("${FWD}", StringComparison.Ordinal) && x.a.StartsWith("Goto(", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gotos);
        Assert.All(gotos, x => Assert.Equal(Guard("${FWD}"), x.Apps[x.i - 1]));
    }

    [Fact]
    public void Refused_numbers_go_to_the_denied_context_which_hangs_up()
    {
        var denied = Blocks().Single(b => b.Context == "botpbx-denied");
        Assert.Equal("Hangup(21)", denied.Apps[^1]);
        Assert.DoesNotContain(denied.Apps, a => a.Contains("Dial", StringComparison.Ordinal) || a.Contains("Goto", StringComparison.Ordinal));
    }

    /// <summary>
    /// The guard's arithmetic, applied in C# to hostile strings: FILTER keeps 0-9 * # +, LEN counts characters; a
    /// string is refused when the two lengths differ. Documents which strings the rendered check lets through.
    /// </summary>
    [Theory]
    [InlineData("90111&PJSIP/2101", false)]
    [InlineData("9011,tT", false)]
    [InlineData("9011)", false)]
    [InlineData("9011${SHELL(id)}", false)]
    [InlineData("9011 44", false)]
    [InlineData("9011\"|\"1", false)]
    [InlineData("9011abc", false)]
    [InlineData("9011441234567", true)]
    [InlineData("*72+4930123#", true)]
    public void The_guard_passes_only_dialable_strings(string dialled, bool passes)
    {
        var filtered = new string(dialled.Where(c => c is >= '0' and <= '9' or '*' or '#' or '+').ToArray());
        Assert.Equal(passes, filtered.Length == dialled.Length);
    }
}

using System.Text.RegularExpressions;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using BotPbx.Telephony.Sounds;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>Every sound the generated dialplan plays exists on a Debian Asterisk: a stock prompt, or one BotPBX makes.</summary>
public partial class SoundTests
{
    /// <summary>
    /// The stock prompts the dialplan relies on, each checked present in Debian 12's asterisk-core-sounds-en 1.6.1
    /// (<c>dpkg -c asterisk-core-sounds-en-gsm_1.6.1-1_all.deb</c>: 358 prompts at the top level). Asterisk's
    /// <c>an-error-has-occured</c> is not there (issue 8), so it must never come back.
    /// </summary>
    private static readonly HashSet<string> DebianStockPrompts =
    [
        "do-not-disturb", "activated", "de-activated", "call-fwd-unconditional", "call-fwd-on-busy", "call-fwd-no-ans",
        "agent-loginok", "agent-loggedoff", "ss-noservice", "conf-getpin", "conf-invalidpin",
    ];

    /// <summary>
    /// The sound names in each Playback()/Background() argument and Read()'s second argument. Playback(a&amp;b) plays both;
    /// in <c>${IF($[…]?x:y)}</c> either x or y is played, so both count; the AstDB lookup inside the condition is not a sound.
    /// </summary>
    private static IEnumerable<string> SoundsPlayed(string dialplan)
    {
        foreach (var line in dialplan.Split('\n'))
        {
            var play = PlayCall().Match(line);
            if (!play.Success) continue;
            var argument = DbLookup().Replace(play.Groups["argument"].Value, "");
            foreach (Match token in SoundToken().Matches(argument)) yield return token.Value;
        }
    }

    [Fact]
    public void Every_sound_the_dialplan_plays_is_a_Debian_stock_prompt_or_a_system_prompt_BotPBX_makes()
    {
        var dialplan = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["extensions.conf"];
        var played = SoundsPlayed(dialplan).Distinct().ToList();
        var own = SystemPrompts.All.Select(p => SystemPrompts.PathOf(OfficeFixture.Options.SystemSoundsDirectory, p)).ToHashSet();
        Assert.NotEmpty(played);
        Assert.All(played, sound => Assert.True(DebianStockPrompts.Contains(sound) || own.Contains(sound), $"{sound} is neither stock nor BotPBX's own"));
        Assert.DoesNotContain("an-error-has-occured", dialplan, StringComparison.Ordinal);
    }

    [Fact]
    public void System_prompts_are_played_from_the_configured_sounds_folder()
    {
        var options = OfficeFixture.Options with { SystemSoundsDirectory = "/srv/asterisk/sounds/botpbx/system" };
        var dialplan = ConfigRenderer.Render(OfficeFixture.Build(), options).Files["extensions.conf"];
        Assert.Contains("exten => i,1,Playback(/srv/asterisk/sounds/botpbx/system/error)", dialplan, StringComparison.Ordinal);
        Assert.Equal("/srv/asterisk/sounds/botpbx/system", SystemPrompts.DirectoryFor("/srv/asterisk/sounds/"));
    }

    [Fact]
    public void A_system_sounds_folder_that_could_break_the_dialplan_is_refused()
    {
        var options = OfficeFixture.Options with { SystemSoundsDirectory = "/tmp/x,1)" };
        var error = Assert.Throws<BotPbx.Telephony.Validation.PbxValidationException>(() => ConfigRenderer.Render(OfficeFixture.Build(), options));
        Assert.Contains("options.systemSoundsDirectory", error.Errors.ToDictionary().Keys);
    }

    [GeneratedRegex(@"(?:Playback|Background)\((?<argument>.*)\)$|Read\([^,]*,(?<argument>[^,)]+)")]
    private static partial Regex PlayCall();

    [GeneratedRegex(@"\$\{DB\([^)]*\)\}")]
    private static partial Regex DbLookup();

    /// <summary>A lower-case prompt name (do-not-disturb) or an absolute path; upper-case dialplan functions are not sounds.</summary>
    [GeneratedRegex(@"(?<![\w/-])(?:/[\w./-]+|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?![\w/-])")]
    private static partial Regex SoundToken();
}

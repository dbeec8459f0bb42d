using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

public sealed class AgiCommandTextTests
{
    [Theory]
    [InlineData("hello world", "\"hello world\"")]
    [InlineData("a \"quoted\" value; with, commas", "\"a \\\"quoted\\\" value; with, commas\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("", "\"\"")]
    [InlineData("\"Bot PBX\" <5551234>", "\"\\\"Bot PBX\\\" <5551234>\"")]
    public void A_value_becomes_one_quoted_argument_that_Asterisk_reads_back_exactly(string value, string quoted)
    {
        Assert.Equal(quoted, AgiCommandText.Quote(value));
        Assert.Equal([value], AsteriskArgumentSplitter.Split(quoted));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0byte")]
    public void A_line_break_can_never_reach_the_wire(string value)
    {
        Assert.Throws<ArgumentException>(() => AgiCommandText.Quote(value));
        Assert.Throws<ArgumentException>(() => AgiCommandText.Encode("VERBOSE " + value));
    }

    [Fact]
    public void A_command_longer_than_Asterisk_reads_is_refused()
    {
        var fits = "VERBOSE " + new string('x', AgiCommandText.MaxCommandBytes - 1 - "VERBOSE ".Length);

        Assert.Equal(AgiCommandText.MaxCommandBytes, AgiCommandText.Encode(fits).Length);
        Assert.Throws<ArgumentException>(() => AgiCommandText.Encode(fits + "x"));
    }

    [Fact]
    public void A_command_goes_out_with_a_bare_line_feed()
    {
        Assert.Equal("ANSWER\n"u8.ToArray(), AgiCommandText.Encode("ANSWER"));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("quo\"te")]
    [InlineData("back\\slash")]
    [InlineData("")]
    public void A_bare_word_may_not_hold_syntax(string word)
    {
        Assert.ThrowsAny<ArgumentException>(() => AgiCommandText.Word(word, "name"));
    }
}

/// <summary>
/// A port of the rules of res_agi.c parse_args (the splitter Asterisk applies to every command line), used to prove
/// that what the server quotes is what Asterisk reads: spaces split unless quoted, '"' toggles quoting, '\' escapes.
/// </summary>
internal static class AsteriskArgumentSplitter
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        System.Text.StringBuilder? current = null;
        bool quoted = false, escaped = false;
        foreach (var c in line)
        {
            if (c == '"' && !escaped)
            {
                quoted = !quoted;
                if (quoted && current is null) current = new System.Text.StringBuilder();
                continue;
            }
            if (c is ' ' or '\t' && !quoted && !escaped)
            {
                if (current is not null) words.Add(current.ToString());
                current = null;
                continue;
            }
            if (c == '\\' && !escaped)
            {
                escaped = true;
                continue;
            }
            (current ??= new System.Text.StringBuilder()).Append(c);
            escaped = false;
        }
        if (current is not null) words.Add(current.ToString());
        return words;
    }
}

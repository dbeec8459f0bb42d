using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

public sealed class AmiActionTests
{
    [Fact]
    public void An_action_is_written_as_CRLF_lines_with_the_ActionID_and_an_empty_line()
    {
        var action = new AmiAction("Reload").Add("Module", "res_pjsip.so").Add("Optional", (string?)null);
        var buffer = new ArrayBufferWriter<byte>();

        action.WriteTo(buffer, "reload-1");

        Assert.Equal("Action: Reload\r\nModule: res_pjsip.so\r\nActionID: reload-1\r\n\r\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("value\r\nAction: Originate")]
    [InlineData("value\nAction: Originate")]
    [InlineData("value\r")]
    public void A_value_with_CR_or_LF_is_refused(string value)
    {
        Assert.Throws<ArgumentException>(() => new AmiAction("Setvar").Add("Value", value));
    }

    [Theory]
    [InlineData("Key\r\nAction")]
    [InlineData("Key: x")]
    [InlineData("Two words")]
    [InlineData("")]
    public void A_key_that_could_break_the_framing_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => new AmiAction("Setvar").Add(key, "1"));
    }

    [Fact]
    public void Action_and_ActionID_are_the_clients_to_set()
    {
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping").Add("ActionID", "mine"));
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping").Add("action", "Originate"));
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping\r\nAction: Originate"));
    }
}

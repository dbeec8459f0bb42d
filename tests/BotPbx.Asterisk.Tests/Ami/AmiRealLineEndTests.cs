using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>
/// What a real Asterisk 22 sends besides tidy CRLF messages (issue 8), parsed with every message split at every
/// byte boundary: lines end at LF with an optional CR, a line without a key belongs to the value before it, and a
/// whole message that is not AMI is skipped, never fatal.
/// </summary>
public sealed class AmiRealLineEndTests
{
    private const int MaxSize = 64 * 1024;

    /// <summary>PJSIPShowContacts with no contacts, as Asterisk 22.10.1 answers it: a bare LF ends the Message line.</summary>
    private const string NoContacts = "Response: Error\r\nActionID: contacts-1\r\nMessage: No Contacts found\n\r\n\r\n";

    private const string FullyBooted = "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 12\r\nLastReload: 12\r\nStatus: Fully Booted\r\n\r\n";

    [Fact]
    public void The_no_contacts_reply_is_one_error_response_and_the_message_after_it_still_parses()
    {
        foreach (var messages in AtEverySplit(NoContacts + FullyBooted))
        {
            Assert.Equal(["Response: Error", "Event: FullyBooted"], messages.Select(m => m.ToString().Split(" (")[0]));
            var response = Assert.IsType<AmiResponse>(messages[0]);
            Assert.Equal("contacts-1", response.ActionId);
            Assert.Equal("No Contacts found", response.Message);
            Assert.Equal(3, response.Count);
            Assert.Equal("Fully Booted", messages[1]["Status"]);
        }
    }

    [Fact]
    public void Lines_ending_in_a_bare_LF_parse_like_CRLF_lines()
    {
        const string lf = "Event: Newchannel\nPrivilege: call,all\nChannel: PJSIP/1001-00000001\nUniqueid: 1795239477.1\n\n";
        const string mixed = "Response: Success\r\nActionID: ping-1\nPing: Pong\r\n\n";

        foreach (var messages in AtEverySplit(lf + mixed))
        {
            Assert.Equal(2, messages.Count);
            Assert.Equal("PJSIP/1001-00000001", messages[0]["Channel"]);
            Assert.Equal("1795239477.1", messages[0]["Uniqueid"]);
            Assert.Equal("ping-1", messages[1].ActionId);
            Assert.Equal("Pong", messages[1]["Ping"]);
        }
    }

    [Fact]
    public void A_line_without_a_key_continues_the_value_before_it()
    {
        // Chosen over skipping: the text is what Asterisk meant to say, e.g. a Message with a line break in it.
        const string text = "Response: Error\r\nActionID: multi-1\r\nMessage: first line\r\nsecond line\n: third, with a colon\r\nNext: value\r\n\r\n";

        foreach (var messages in AtEverySplit(text))
        {
            var response = Assert.IsType<AmiResponse>(Assert.Single(messages));
            Assert.Equal("first line\nsecond line\n: third, with a colon", response.Message);
            Assert.Equal("value", response["Next"]);
            Assert.Equal(["Response", "ActionID", "Message", "Next"], response.Fields.Select(f => f.Key));
        }
    }

    [Fact]
    public void A_whole_message_that_is_not_AMI_is_skipped_and_the_next_one_parses()
    {
        const string text = "HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n" + "no key at all\n\n" + FullyBooted;

        foreach (var messages in AtEverySplit(text, skipped: 2))
        {
            var booted = Assert.Single(messages);
            Assert.Equal("FullyBooted", Assert.IsType<AmiEvent>(booted).Name);
        }
    }

    [Fact]
    public void The_unreadable_message_names_its_first_line_and_its_length_and_the_buffer_is_not_advanced_past_it()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("\r\ngarbage: yes\r\n\r\nEvent: Next\r\n\r\n"));

        AmiUnreadableMessageException? error = null;
        try
        {
            AmiMessageParser.TryParse(ref buffer, MaxSize, out _);
        }
        catch (AmiUnreadableMessageException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Contains("garbage: yes", error.Message, StringComparison.Ordinal);
        Assert.Equal("garbage: yes\r\n\r\n".Length, error.Length);
        buffer = buffer.Slice(error.Length);
        Assert.True(AmiMessageParser.TryParse(ref buffer, MaxSize, out var next));
        Assert.Equal("Next", ((AmiEvent)next).Name);
    }

    [Fact]
    public void The_banner_may_end_in_a_bare_LF()
    {
        var buffer = new ReadOnlySequence<byte>("Asterisk Call Manager/11.0.0\nEvent: X\n\n"u8.ToArray());

        Assert.True(AmiMessageParser.TryParseBanner(ref buffer, out var version));
        Assert.Equal("11.0.0", version);
        Assert.True(AmiMessageParser.TryParse(ref buffer, MaxSize, out var message));
        Assert.Equal("X", ((AmiEvent)message).Name);
    }

    /// <summary>The messages of <paramref name="text"/> for every split into two reads; unreadable ones are skipped and counted.</summary>
    private static IEnumerable<List<AmiMessage>> AtEverySplit(string text, int skipped = 0)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var parsed = ByteSplits.ParseInTwoReads<AmiMessage?>(bytes, split, ParseSkipping);
            Assert.True(parsed.Count(m => m is null) == skipped, $"expected {skipped} skipped messages with the split at {split}");
            yield return [.. parsed.OfType<AmiMessage>()];
        }
    }

    /// <summary>What the connection's reader does: an unreadable message comes out as null and is stepped over.</summary>
    private static bool ParseSkipping(ref ReadOnlySequence<byte> buffer, out AmiMessage? message)
    {
        try
        {
            var parsed = AmiMessageParser.TryParse(ref buffer, MaxSize, out var complete);
            message = complete;
            return parsed;
        }
        catch (AmiUnreadableMessageException e)
        {
            buffer = buffer.Slice(e.Length);
            message = null;
            return true;
        }
    }
}

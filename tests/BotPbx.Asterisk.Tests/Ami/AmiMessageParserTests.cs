using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>How single messages decode, and how malformed input is refused.</summary>
public sealed class AmiMessageParserTests
{
    [Fact]
    public void Keys_are_found_whatever_their_case_and_fields_keep_arrival_order()
    {
        var message = AmiParse.One("Response: Success\r\nActionID: lower-case-keys-1\r\nPing: Pong\r\nTimestamp: 1795239794.835110\r\n\r\n");

        var response = Assert.IsType<AmiResponse>(message);
        Assert.Equal("Success", response.Status);
        Assert.Equal("lower-case-keys-1", response.ActionId);
        Assert.Equal("Pong", response["ping"]);
        Assert.Equal("Pong", response["PING"]);
        Assert.Null(response["Pong"]);
        Assert.Equal(["Response", "ActionID", "Ping", "Timestamp"], response.Fields.Select(f => f.Key));
    }

    [Fact]
    public void An_event_that_carries_a_Response_key_is_still_an_event()
    {
        // Fixture ami-events-originate-async: OriginateResponse has "Response: Success" and the action's ActionID.
        var message = AmiParse.One("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: orig-1\r\nResponse: Success\r\nChannel: Local/600@from-internal-00000000;1\r\nReason: 4\r\n\r\n");

        var amiEvent = Assert.IsType<AmiEvent>(message);
        Assert.Equal("OriginateResponse", amiEvent.Name);
        Assert.Equal("orig-1", amiEvent.ActionId);
        Assert.Equal("Success", amiEvent["Response"]);
    }

    [Fact]
    public void Command_output_keeps_every_Output_line_with_its_indentation_and_empty_lines()
    {
        var fixture = AmiFixture.Load("ami-command-output");
        var endpoints = Assert.IsType<AmiResponse>(fixture.Messages().Single(m => m.ActionId == "cmd-endpoints"));

        Assert.Equal("Command output follows", endpoints.Message);
        Assert.Equal(string.Empty, endpoints.Output[0]);
        Assert.Equal(" Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>", endpoints.Output[1]);
        Assert.Contains("Objects found: 3", endpoints.Output);
        Assert.Equal(endpoints.GetAll("Output").Count, endpoints.Output.Count);
    }

    [Fact]
    public void The_legacy_Follows_answer_ends_at_END_COMMAND_even_with_empty_lines_inside()
    {
        var bytes = Encoding.ASCII.GetBytes("Response: Follows\r\nPrivilege: Command\r\nActionID: old-1\r\nline one\n\nline: three\n--END COMMAND--\r\n\r\nEvent: Next\r\n\r\n");
        var messages = AmiParse.All(bytes);

        var response = Assert.IsType<AmiResponse>(messages[0]);
        Assert.Equal("old-1", response.ActionId);
        Assert.True(response.IsSuccess);
        Assert.Equal(["line one", "", "line: three"], response.Output);
        Assert.Equal("Next", Assert.IsType<AmiEvent>(messages[1]).Name);
    }

    [Fact]
    public void A_legacy_answer_whose_last_line_runs_into_the_END_marker_keeps_that_line()
    {
        var response = (AmiResponse)AmiParse.One("Response: Follows\r\nPrivilege: Command\r\nActionID: old-2\r\nonly line--END COMMAND--\r\n\r\n");

        Assert.Equal(["only line"], response.Output);
    }

    [Fact]
    public void Repeated_keys_are_all_kept_and_the_indexer_returns_the_first()
    {
        var message = AmiParse.One("Event: Test\r\nVariable: A=1\r\nVariable: B=2\r\nCount: 2\r\n\r\n");

        Assert.Equal("A=1", message["variable"]);
        Assert.Equal(["A=1", "B=2"], message.GetAll("Variable"));
        Assert.Equal(2, message.GetInt32("Count"));
        Assert.Null(message.GetInt32("Variable"));
    }

    [Fact]
    public void A_first_line_other_than_Response_or_Event_makes_the_message_unreadable_but_still_framed()
    {
        var buffer = new ReadOnlySequence<byte>("garbage: yes\r\n\r\n"u8.ToArray());

        var error = Assert.Throws<AmiUnreadableMessageException>(() => AmiMessageParser.TryParse(ref buffer, 4096, out _));
        Assert.Contains("'Response:' or 'Event:'", error.Message, StringComparison.Ordinal);
        Assert.Equal(buffer.Length, error.Length);
    }

    [Fact]
    public void A_complete_message_over_the_maximum_size_is_refused_naming_the_limit()
    {
        var text = "Event: Big\r\n" + string.Concat(Enumerable.Repeat("Filler: 0123456789abcdef\r\n", 100)) + "\r\n";
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        var error = Assert.Throws<AmiProtocolException>(() => AmiMessageParser.TryParse(ref buffer, 1024, out _));
        Assert.Contains("MaxMessageSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unfinished_message_over_the_maximum_size_is_refused_before_it_completes()
    {
        var text = "Event: Endless\r\n" + string.Concat(Enumerable.Repeat("Filler: 0123456789abcdef\r\n", 100));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Throws<AmiProtocolException>(() => AmiMessageParser.TryParse(ref buffer, 1024, out _));
    }

    [Fact]
    public void A_greeting_that_is_not_Asterisk_is_a_protocol_error()
    {
        var buffer = new ReadOnlySequence<byte>("SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray());

        Assert.Throws<AmiProtocolException>(() => AmiMessageParser.TryParseBanner(ref buffer, out _));
    }

    [Fact]
    public void An_empty_value_is_an_empty_string_and_values_keep_inner_spaces()
    {
        var message = AmiParse.One("Event: ExtensionStatus\r\nHint: \r\nStatusText: Unavailable now\r\n\r\n");

        Assert.True(message.TryGet("Hint", out var hint));
        Assert.Equal(string.Empty, hint);
        Assert.Equal("Unavailable now", message["StatusText"]);
    }
}

using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

public sealed class AgiReplyParserTests
{
    private const int MaxLine = 8192;

    public static TheoryData<string> Captures =>
    [
        "fastagi-sip-601-env-and-commands",
        "fastagi-sip-601-dtmf",
        "fastagi-sip-601-caller-hangs-up-during-stream",
        "fastagi-local-hangup-command",
        "fastagi-sip-6011-path-and-args",
        "fastagi-sip-6012-query-string",
        "fastagi-local-channel-env",
    ];

    [Theory]
    [InlineData("200 result=0\n", "0", null, null)]
    [InlineData("200 result=1 (PJSIP/1001-00000014)\n", "1", "PJSIP/1001-00000014", null)]
    [InlineData("200 result=1 ()\n", "1", "", null)]
    [InlineData("200 result=1 (Test 1001 <1001>)\n", "1", "Test 1001 <1001>", null)]
    [InlineData("200 result=1 (\"Bot PBX\" <>)\n", "1", "\"Bot PBX\" <>", null)]
    [InlineData("200 result= (timeout)\n", "", "timeout", null)]
    [InlineData("200 result=42 (timeout)\n", "42", "timeout", null)]
    [InlineData("200 result=1234\n", "1234", null, null)]
    [InlineData("200 result=-1 endpos=0\n", "-1", null, 0L)]
    [InlineData("200 result=53 endpos=16800\n", "53", null, 16800L)]
    [InlineData("200 result=-2\n", "-2", null, null)]
    [InlineData("200 result=0 (timeout) endpos=8000\n", "0", "timeout", 8000L)]
    [InlineData("200 result=1 (a (nested) value)\n", "1", "a (nested) value", null)]
    [InlineData("200 result=1 (value endpos=5)\n", "1", "value endpos=5", null)]
    [InlineData("200 result=1 (crlf accepted)\r\n", "1", "crlf accepted", null)]
    public void A_200_reply_is_split_into_result_data_and_end_position(string line, string result, string? data, long? endPosition)
    {
        var reply = ParseOne(line);

        Assert.Equal(200, reply.Status);
        Assert.Equal(result, reply.Result);
        Assert.Equal(data, reply.Data);
        Assert.Equal(endPosition, reply.EndPosition);
    }

    [Theory]
    [InlineData("510 Invalid or unknown command\n", 510, "Invalid or unknown command")]
    [InlineData("511 Command Not Permitted on a dead channel or intercept routine\n", 511, "Command Not Permitted on a dead channel or intercept routine")]
    public void Error_statuses_keep_their_message(string line, int status, string text)
    {
        var reply = ParseOne(line);

        Assert.Equal(status, reply.Status);
        Assert.Equal(text, reply.Text);
        Assert.False(reply.IsSuccess);
    }

    [Fact]
    public void The_multi_line_520_usage_block_is_one_reply()
    {
        var script = AgiFixtureScript.Load("fastagi-sip-601-env-and-commands");
        var usage = script.Exchanges.Single(e => e.Command == "STREAM FILE").Reply;

        var reply = ParseOne(usage);

        Assert.Equal(AgiReply.InvalidSyntax, reply.Status);
        Assert.StartsWith("Invalid command syntax.  Proper usage follows:\nSend the given file", reply.Text, StringComparison.Ordinal);
        Assert.Contains("<variable>PLAYBACKSTATUS</variable>", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nEnd of proper usage.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Invalid command syntax.  Proper usage follows:", reply.Summary);
    }

    [Fact]
    public void The_unprompted_HANGUP_line_is_a_hang_up_notification()
    {
        var buffer = new ReadOnlySequence<byte>("HANGUP\n200 result=1\n"u8.ToArray());

        Assert.True(AgiReplyParser.TryParse(ref buffer, MaxLine, out var first));
        Assert.True(AgiReplyParser.TryParse(ref buffer, MaxLine, out var second));
        Assert.True(first.IsHangup);
        Assert.Equal("1", second.Reply!.Result);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData("200 result=1 (abc")]
    [InlineData("520-Invalid command syntax.  Proper usage follows:\nusage text\n")]
    [InlineData("HANG")]
    public void An_incomplete_message_asks_for_more_bytes_and_leaves_the_buffer_alone(string partial)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(partial));

        Assert.False(AgiReplyParser.TryParse(ref buffer, MaxLine, out _));
        Assert.Equal(partial.Length, buffer.Length);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_recorded_reply_stream_parses_the_same_when_split_at_any_byte(string capture)
    {
        var chunks = FixtureRecording.Load($"Fixtures/{capture}.jsonl");
        var script = AgiFixtureScript.Load(capture);
        var stream = FixtureRecording.FromAsterisk(chunks)[script.Environment.Length..];
        var whole = ByteSplits.ParseInTwoReads<AgiInboundMessage>(stream, 0, Parse);

        // One reply per command plus every HANGUP line (the unprompted ones and the last one after the server's close).
        var hangups = whole.Count(m => m.IsHangup);
        Assert.Equal(script.Exchanges.Count, whole.Count - hangups);
        Assert.Equal(1 + script.Exchanges.Sum(e => CountHangups(e.Reply)), hangups);
        for (var split = 1; split < stream.Length; split++)
        {
            var parts = ByteSplits.ParseInTwoReads<AgiInboundMessage>(stream, split, Parse);
            Assert.Equal(whole, parts);
        }
    }

    [Theory]
    [InlineData("hello world\n")]
    [InlineData("200 foo\n")]
    [InlineData("20x result=1\n")]
    [InlineData("200\n")]
    [InlineData("\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\n")]
    public void Garbage_is_a_protocol_error(string garbage)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(garbage));

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(ref buffer, MaxLine, out _));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_a_protocol_error_before_its_end_arrives()
    {
        var unterminated = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("200 result=1 (" + new string('x', 300)));
        var terminated = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("200 result=1 (" + new string('x', 300) + ")\n"));

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(ref unterminated, 256, out _));
        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(ref terminated, 256, out _));
    }

    [Fact]
    public void A_usage_block_that_never_ends_is_a_protocol_error()
    {
        var text = "520-Invalid command syntax.  Proper usage follows:\n" + string.Concat(Enumerable.Repeat("more usage\n", 600));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(ref buffer, MaxLine, out _));
    }

    [Fact]
    public void A_usage_block_of_long_lines_is_cut_off_by_size()
    {
        var text = "520-Invalid command syntax.  Proper usage follows:\n" + string.Concat(Enumerable.Repeat(new string('u', 8000) + "\n", 20));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Throws<AgiProtocolException>(() => AgiReplyParser.TryParse(ref buffer, MaxLine, out _));
    }

    private static AgiReply ParseOne(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        Assert.True(AgiReplyParser.TryParse(ref buffer, MaxLine, out var message));
        Assert.True(buffer.IsEmpty);
        return message.Reply!;
    }

    private static bool Parse(ref ReadOnlySequence<byte> buffer, out AgiInboundMessage message) =>
        AgiReplyParser.TryParse(ref buffer, MaxLine, out message);

    private static int CountHangups(string reply) =>
        reply.Split('\n').Count(line => line == "HANGUP");
}

using System.Text;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>
/// A message in one buffer is only framed and indexed on first access (issue 13); one cut into one-byte reads goes
/// through the exact, eagerly indexed path. Both must read the same, wherever the interesting bytes fall in the
/// 32-byte blocks the framing compares at once.
/// </summary>
public sealed class AmiLazyIndexTests
{
    public static TheoryData<string> Keys => ["ActionID", "actionid", "ACTIONID", "ActionIDs", "XActionID", "Action ID", "ActionI"];

    [Theory]
    [MemberData(nameof(Keys))]
    public void An_ActionID_anywhere_in_the_blocks_is_found_exactly_as_the_line_by_line_parse_finds_it(string key)
    {
        for (var pad = 0; pad < 70; pad++)
        {
            foreach (var lineEnd in new[] { "\r\n", "\n" })
            {
                var text = $"Event: Test{lineEnd}Pad: {new string('x', pad)}{lineEnd}{key}: id-{pad}{lineEnd}Tail: t{lineEnd}{lineEnd}";
                var framed = AmiParse.One(text);
                var cut = ParseInOneByteReads(text);
                Assert.Equal(cut.ActionId, framed.ActionId);
                Assert.Equal(key.Equals("ActionID", StringComparison.OrdinalIgnoreCase) ? $"id-{pad}" : null, framed.ActionId);
                Assert.Equal(cut.Fields, framed.Fields);
                Assert.Equal(cut.Count, framed.Count);
            }
        }
    }

    [Theory]
    [InlineData("Event: Split\r\n name continues\r\nNext: 1\r\n\r\n")]
    [InlineData("Event: Last\r\n\r\n")]
    [InlineData("Event:NoSpace\r\nA: b\r\n\r\n")]
    [InlineData("Event:  Two spaces\r\nA: b\r\n\r\n")]
    [InlineData("Event: \r\nA: b\r\n\r\n")]
    [InlineData("Response: Success\nMessage: bare LF\n\r\n")]
    [InlineData("Event: Colons\r\nTime: 12:00:01\r\n:orphan\r\nA: b\n\n")]
    public void Odd_lines_read_the_same_framed_or_indexed(string text)
    {
        var framed = AmiParse.One(text);
        var cut = ParseInOneByteReads(text);
        Assert.Equal(cut.GetType(), framed.GetType());
        Assert.Equal(cut.Fields, framed.Fields);
        Assert.Equal(NameOf(cut), NameOf(framed));
    }

    [Fact]
    public async Task An_unindexed_event_read_from_several_threads_at_once_reads_whole()
    {
        for (var round = 0; round < 200; round++)
        {
            var amiEvent = (AmiEvent)AmiParse.One("Event: Newchannel\r\nChannel: PJSIP/1001-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n\r\n");
            var reads = Enumerable.Range(0, 4).Select(_ => Task.Run(() => (amiEvent.Count, amiEvent["Linkedid"]))).ToArray();
            var results = await Task.WhenAll(reads);
            Assert.All(results, r => Assert.Equal((4, "1.1"), r));
        }
    }

    private static string NameOf(AmiMessage message) => message is AmiEvent e ? e.Name : ((AmiResponse)message).Status;

    private static AmiMessage ParseInOneByteReads(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = AmiSequence.Of([.. Enumerable.Range(0, bytes.Length).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1))]);
        Assert.True(AmiMessageParser.TryParse(ref buffer, AmiParse.MaxSize, out var message));
        Assert.True(buffer.IsEmpty);
        return message;
    }
}

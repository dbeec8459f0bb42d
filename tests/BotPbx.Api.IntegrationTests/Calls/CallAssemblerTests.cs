using BotPbx.Api.Features.Calls;

namespace BotPbx.Api.IntegrationTests.Calls;

/// <summary>How CDRs become one call (pure: no database), and the CSV's quoting.</summary>
public class CallAssemblerTests
{
    private static CdrRecord Record(string channel, string dst, string disposition, double start, double? answer, double end, int seq = 0) => new()
    {
        RawId = seq, Start = start, Answer = answer, End = end, Channel = channel, Dstchannel = dst, Disposition = disposition,
        Linkedid = "1700000000.1", Uniqueid = "1700000000." + seq, Sequence = seq, Src = "2001", Clid = "\"Alice\" <2001>", Dst = "2002",
    };

    [Theory]
    [InlineData("PJSIP/2001-0000001a", "2001")]
    [InlineData("Local/2002@botpbx-device-00000003;2", "2002")]
    [InlineData("PJSIP/botpbx-trunk-4-00000001", null)]
    [InlineData("Local/2002@botpbx-outbound-00000003;1", null)]
    [InlineData("", null)]
    public void Extensions_are_read_from_phone_channels_and_device_rings_only(string channel, string? extension) =>
        Assert.Equal(extension, CallAssembler.ExtensionOf(channel));

    [Fact]
    public void An_unanswered_ring_and_a_busy_leg_do_not_hide_that_a_person_answered()
    {
        var call = CallAssembler.Assemble(
        [
            Record("PJSIP/2001-00000001", "Local/2003@botpbx-device-00000002;1", "NO ANSWER", 100, null, 130, 1),
            Record("PJSIP/2001-00000001", "Local/2002@botpbx-device-00000004;1", "ANSWERED", 100, 107, 130, 2),
            Record("Local/2002@botpbx-device-00000004;2", "PJSIP/2002-00000005", "ANSWERED", 100.2, 107, 130, 3),
        ], _ => false);
        Assert.Equal("ANSWERED", call.Disposition);
        Assert.Equal("2002", call.AnsweredBy);
        Assert.Equal(7, call.WaitSeconds);
        Assert.Equal(23, call.Billsec);
        Assert.Equal(30, call.Duration);
        Assert.Equal("internal", call.Direction);
        Assert.Equal("2001", call.Extension);
        Assert.Equal(["2001", "2002", "2003"], call.Extensions);
        Assert.Equal("Alice", call.FromName);
    }

    [Fact]
    public void A_recording_is_linked_only_when_the_file_check_says_it_exists()
    {
        var record = Record("PJSIP/2001-00000001", "PJSIP/2002-00000002", "ANSWERED", 100, 101, 110);
        Assert.Null(CallAssembler.Assemble([record], _ => false).RecordingPath);
        var recorded = new CdrRecord
        {
            RawId = 1, Start = 100, Answer = 101, End = 110, Channel = "PJSIP/2001-00000001", Dstchannel = "PJSIP/2002-00000002",
            Disposition = "ANSWERED", Linkedid = "x.1", BotpbxRecording = "/rec/20240101-x.1.wav",
        };
        Assert.Equal("/rec/20240101-x.1.wav", CallAssembler.Assemble([recorded], p => p == "/rec/20240101-x.1.wav").RecordingPath);
    }

    [Fact]
    public void Csv_cells_are_quoted_when_needed_and_formulas_are_defused()
    {
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",'=1+1,+15551234567,'-5\r\n",
            CallCsv.Line(["a", "b,c", "say \"hi\"", "=1+1", "+15551234567", "-5"]));
    }
}

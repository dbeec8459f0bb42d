using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>The typed commands against the replies Asterisk 22 gave in the fastagi-* captures.</summary>
public sealed class AgiTypedCommandTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Set_variable_sends_the_value_as_one_quoted_argument()
    {
        var channel = new FakeAgiChannel(_ => "200 result=1");

        await channel.SetVariableAsync("QUOTED", "a \"quoted\" value; with, commas", None);

        Assert.Equal("SET VARIABLE QUOTED \"a \\\"quoted\\\" value; with, commas\"", channel.Commands.Single());
    }

    [Fact]
    public async Task Set_callerid_is_one_quoted_argument_exactly_as_Asterisk_needs_it()
    {
        var channel = new FakeAgiChannel(_ => "200 result=1");

        await channel.SetCallerIdAsync("Bot PBX", "5551234", None);

        // The recorded command that set both name and number (fixture env-and-commands).
        Assert.Equal("SET CALLERID \"\\\"Bot PBX\\\" <5551234>\"", channel.Commands.Single());
    }

    [Theory]
    [InlineData("200 result=0", null)]
    [InlineData("200 result=1 (hello world)", "hello world")]
    [InlineData("200 result=1 ()", "")]
    public async Task Get_variable_tells_unset_from_empty(string reply, string? expected)
    {
        var channel = new FakeAgiChannel(_ => reply);

        Assert.Equal(expected, await channel.GetVariableAsync("BOTPBX_TEST", None));
    }

    [Fact]
    public async Task Get_full_variable_evaluates_an_expression()
    {
        var channel = new FakeAgiChannel(_ => "200 result=1 (Test 1001 <1001>)");

        var value = await channel.GetFullVariableAsync("${CALLERID(name)} <${CALLERID(num)}>", None);

        Assert.Equal("Test 1001 <1001>", value);
        Assert.Equal(["GET", "FULL", "VARIABLE", "${CALLERID(name)} <${CALLERID(num)}>"], AsteriskArgumentSplitter.Split(channel.Commands[0]));
    }

    [Theory]
    [InlineData("200 result=0 endpos=3404", null, false, 3404L)]
    [InlineData("200 result=-1 endpos=0", null, true, 0L)]
    [InlineData("200 result=53 endpos=16800", '5', false, 16800L)]
    [InlineData("200 result=-1 endpos=12160", null, true, 12160L)]
    public async Task Stream_file_reports_the_digit_as_a_character(string reply, char? digit, bool failed, long endPosition)
    {
        var channel = new FakeAgiChannel(_ => reply);

        var result = await channel.StreamFileAsync("demo-congrats", "0123456789*#", None);

        Assert.Equal(new AgiPlaybackResult(digit, failed, endPosition), result);
        Assert.Equal(Timeout.InfiniteTimeSpan, channel.Timeouts.Single());
    }

    [Theory]
    [InlineData("200 result=1234", "1234", false, false)]
    [InlineData("200 result=42 (timeout)", "42", true, false)]
    [InlineData("200 result= (timeout)", "", true, false)]
    [InlineData("200 result=-1", "", false, true)]
    public async Task Get_data_returns_the_digits_and_whether_input_timed_out(string reply, string digits, bool timedOut, bool failed)
    {
        var channel = new FakeAgiChannel(_ => reply);

        var result = await channel.GetDataAsync("beep", TimeSpan.FromSeconds(4), 4, None);

        Assert.Equal(new AgiGetDataResult(digits, timedOut, failed), result);
    }

    [Theory]
    [InlineData("200 result=55", '7', false)]
    [InlineData("200 result=0", null, false)]
    [InlineData("200 result=-1", null, true)]
    public async Task Wait_for_digit_turns_the_ascii_code_into_the_digit(string reply, char? digit, bool failed)
    {
        var channel = new FakeAgiChannel(_ => reply);

        Assert.Equal(new AgiDigitResult(digit, failed), await channel.WaitForDigitAsync(TimeSpan.FromSeconds(5), None));
    }

    [Fact]
    public async Task The_typed_commands_give_Asterisk_the_same_arguments_as_the_recorded_ones()
    {
        var channel = new FakeAgiChannel(_ => "200 result=0");

        await channel.StreamFileAsync("beep", "", None);
        await channel.SayDigitsAsync("123", "", None);
        await channel.SayNumberAsync(42, "", None);
        await channel.WaitForDigitAsync(TimeSpan.FromMilliseconds(1500), None);
        await channel.GetDataAsync("beep", TimeSpan.FromMilliseconds(1500), 3, None);
        await channel.ExecAsync("Playback", "beep", None);
        await channel.ControlStreamFileAsync("demo-congrats", "9",
            new AgiControlStreamOptions { ForwardDigit = "*", RewindDigit = "#", PauseDigit = "0" }, None);
        await channel.VerboseAsync("hello from the BotPBX fixture recorder", 1, None);

        string[] recorded =
        [
            "STREAM FILE beep \"\"", "SAY DIGITS 123 \"\"", "SAY NUMBER 42 \"\"", "WAIT FOR DIGIT 1500",
            "GET DATA beep 1500 3", "EXEC Playback beep", "CONTROL STREAM FILE demo-congrats \"9\" 3000 \"*\" \"#\" \"0\" 0",
            "VERBOSE \"hello from the BotPBX fixture recorder\" 1",
        ];
        Assert.Equal(recorded.Select(AsteriskArgumentSplitter.Split), channel.Commands.Select(AsteriskArgumentSplitter.Split));
    }

    [Fact]
    public async Task Exec_of_an_unknown_application_throws()
    {
        var channel = new FakeAgiChannel(_ => "200 result=-2");

        await Assert.ThrowsAsync<AgiApplicationNotFoundException>(() => channel.ExecAsync("NoSuchApplication", "x", None));
    }

    [Fact]
    public async Task Exec_arguments_are_escaped_for_the_application_splitter()
    {
        var channel = new FakeAgiChannel(_ => "200 result=0");

        await channel.ExecAsync("Goto", ["ivr-menu", "s", "1"], None);
        await channel.ExecAsync("Set", ["GREETING=hello, (world)"], None);

        Assert.Equal("EXEC Goto \"ivr-menu,s,1\"", channel.Commands[0]);
        Assert.Equal("EXEC Set \"GREETING=hello\\\\, \\\\(world\\\\)\"", channel.Commands[1]);
        Assert.Equal(["EXEC", "Set", "GREETING=hello\\, \\(world\\)"], AsteriskArgumentSplitter.Split(channel.Commands[1]));
    }

    [Fact]
    public async Task A_dead_channel_answer_throws_except_for_hangup_which_is_already_done()
    {
        var channel = new FakeAgiChannel(_ => "511 Command Not Permitted on a dead channel or intercept routine");

        var error = await Assert.ThrowsAsync<AgiDeadChannelException>(() => channel.StreamFileAsync("beep", "", None));
        await channel.HangupAsync(None);

        Assert.Equal(511, error.Reply!.Status);
    }

    [Theory]
    [InlineData("510 Invalid or unknown command")]
    [InlineData("520 End of proper usage.")]
    public async Task An_error_status_throws_a_command_exception(string reply)
    {
        var channel = new FakeAgiChannel(_ => reply);

        await Assert.ThrowsAsync<AgiCommandException>(() => channel.AnswerAsync(None));
    }

    [Theory]
    [InlineData("1; HANGUP")]
    [InlineData("12\n34")]
    [InlineData("1\"2")]
    public async Task Caller_input_that_is_not_dtmf_can_never_become_command_syntax(string digits)
    {
        var channel = new FakeAgiChannel(_ => "200 result=0");

        await Assert.ThrowsAsync<ArgumentException>(() => channel.SayDigitsAsync(digits, "", None));
        Assert.Empty(channel.Commands);
    }

    [Theory]
    [InlineData("200 result=35 (dtmf) endpos=16000", AgiRecordEnd.Digit, '#', 16000L)]
    [InlineData("200 result=0 (timeout) endpos=80000", AgiRecordEnd.Timeout, null, 80000L)]
    [InlineData("200 result=-1 (hangup) endpos=4000", AgiRecordEnd.Hangup, null, 4000L)]
    [InlineData("200 result=-1 (writefile)", AgiRecordEnd.Error, null, 0L)]
    public async Task Record_file_says_why_it_stopped(string reply, AgiRecordEnd end, char? digit, long endPosition)
    {
        var channel = new FakeAgiChannel(_ => reply);

        var result = await channel.RecordFileAsync("/tmp/msg", "wav", "#", TimeSpan.FromSeconds(10),
            new AgiRecordOptions { Beep = true, MaxSilence = TimeSpan.FromSeconds(3) }, None);

        Assert.Equal(new AgiRecordResult(end, digit, endPosition), result);
        Assert.Equal(["RECORD", "FILE", "/tmp/msg", "wav", "#", "10000", "BEEP", "s=3"], AsteriskArgumentSplitter.Split(channel.Commands[0]));
    }
}

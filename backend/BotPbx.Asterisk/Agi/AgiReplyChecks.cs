namespace BotPbx.Asterisk.Agi;

/// <summary>Turns raw replies into typed outcomes for the typed commands, failing with one exception family.</summary>
internal static class AgiReplyChecks
{
    /// <summary>DTMF digits Asterisk can report; anything else in a digit result is not a DTMF answer.</summary>
    private const string DtmfDigits = "0123456789*#ABCDabcd";

    /// <summary>511 becomes <see cref="AgiDeadChannelException"/>, every other non-200 <see cref="AgiCommandException"/>.</summary>
    public static AgiReply EnsureSuccess(string command, AgiReply reply)
    {
        if (reply.IsSuccess) return reply;
        if (reply.Status == AgiReply.DeadChannel) throw new AgiDeadChannelException(command, reply);
        throw new AgiCommandException(command, reply);
    }

    public static int Code(string command, AgiReply reply) =>
        EnsureSuccess(command, reply).ResultCode ?? throw new AgiCommandException(command, reply);

    /// <summary>A digit result: the ASCII code of the digit, 0 for none, -1 for failure.</summary>
    public static AgiDigitResult Digit(string command, AgiReply reply)
    {
        var code = Code(command, reply);
        return code switch
        {
            < 0 => new AgiDigitResult(null, Failed: true),
            0 => new AgiDigitResult(null, Failed: false),
            _ when code < 128 && DtmfDigits.Contains((char)code, StringComparison.Ordinal) => new AgiDigitResult((char)code, false),
            _ => throw new AgiCommandException(command, reply),
        };
    }

    public static AgiPlaybackResult Playback(string command, AgiReply reply)
    {
        var digit = Digit(command, reply);
        return new AgiPlaybackResult(digit.Digit, digit.Failed, reply.EndPosition ?? 0);
    }

    public static AgiGetDataResult GetData(string command, AgiReply reply)
    {
        EnsureSuccess(command, reply);
        var timedOut = string.Equals(reply.Data, "timeout", StringComparison.Ordinal);
        if (reply.ResultCode is < 0) return new AgiGetDataResult("", timedOut, Failed: true);
        foreach (var c in reply.Result)
        {
            if (!DtmfDigits.Contains(c, StringComparison.Ordinal)) throw new AgiCommandException(command, reply);
        }
        return new AgiGetDataResult(reply.Result, timedOut, Failed: false);
    }

    public static AgiRecordResult Record(string command, AgiReply reply)
    {
        var code = Code(command, reply);
        var end = reply.Data switch
        {
            "dtmf" => AgiRecordEnd.Digit,
            "timeout" => AgiRecordEnd.Timeout,
            "hangup" => AgiRecordEnd.Hangup,
            _ when code == 0 => AgiRecordEnd.Timeout,
            _ => AgiRecordEnd.Error,
        };
        char? digit = end == AgiRecordEnd.Digit && code is > 0 and < 128 ? (char)code : null;
        return new AgiRecordResult(end, digit, reply.EndPosition ?? 0);
    }
}

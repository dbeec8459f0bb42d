using System.Globalization;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>
/// Answers a FastAGI session the way Asterisk 22 does for a caller who presses the queued digits, with the reply
/// forms of the recorded fixtures: DTMF as ASCII codes (<c>result=49</c>), <c>GET DATA</c> as <c>result=1234</c> or
/// <c>result= (timeout)</c>, a hang-up during playback as <c>200 result=-1 endpos=…</c> followed by an unprompted
/// <c>HANGUP</c> line, and 511 for channel commands after it.
/// </summary>
public sealed class AgiPhone
{
    private readonly Queue<char?> _digits = new();
    private bool _hungUp;

    /// <summary>The caller hangs up during the first command that starts with this text.</summary>
    public string? HangUpOn { get; set; }

    /// <summary>STREAM FILE of a file containing this text fails as a missing file does: <c>200 result=-1 endpos=0</c>, no HANGUP.</summary>
    public string? MissingFile { get; set; }

    public AgiPhone Press(string digits)
    {
        foreach (var digit in digits) _digits.Enqueue(digit);
        return this;
    }

    public AgiPhone Silence()
    {
        _digits.Enqueue(null);
        return this;
    }

    public ScriptedAgiPeer Attach(ScriptedAgiPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.OnCommand(async (command, cancellationToken) =>
        {
            if (_hungUp) return command.StartsWith("GET VARIABLE", StringComparison.Ordinal) || command.StartsWith("VERBOSE", StringComparison.Ordinal)
                ? "200 result=0"
                : "511 Command Not Permitted on a dead channel or intercept routine";
            if (HangUpOn is not null && command.StartsWith(HangUpOn, StringComparison.Ordinal))
            {
                _hungUp = true;
                // Asterisk answers the interrupted command first, then sends HANGUP about 40 ms later.
                _ = Task.Run(async () =>
                {
                    await Task.Delay(40, CancellationToken.None);
                    await peer.SendHangupAsync(CancellationToken.None);
                }, CancellationToken.None);
                return "200 result=-1 endpos=12160";
            }
            await Task.Yield();
            return Reply(command);
        });
    }

    private string Reply(string command)
    {
        if (command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal)) return DigitReply();
        if (command.StartsWith("GET DATA", StringComparison.Ordinal))
        {
            var max = int.Parse(command[(command.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            var digits = "";
            while (digits.Length < max && _digits.Count > 0 && _digits.Peek() is { } next && next != '#')
            {
                digits += next;
                _digits.Dequeue();
            }
            if (_digits.Count > 0 && _digits.Peek() is '#')
            {
                _digits.Dequeue();
                return $"200 result={digits}";
            }
            if (_digits.Count > 0 && _digits.Peek() is null) _digits.Dequeue();
            return digits.Length == max ? $"200 result={digits}" : $"200 result={digits} (timeout)";
        }
        if (command.StartsWith("STREAM FILE", StringComparison.Ordinal))
        {
            return MissingFile is not null && command.Contains(MissingFile, StringComparison.Ordinal) ? "200 result=-1 endpos=0" : "200 result=0 endpos=8000";
        }
        if (command.StartsWith("RECORD FILE", StringComparison.Ordinal)) return "200 result=35 (dtmf) endpos=16000";
        if (command.StartsWith("SET VARIABLE", StringComparison.Ordinal)) return "200 result=1";
        if (command.StartsWith("HANGUP", StringComparison.Ordinal))
        {
            _hungUp = true;
            return "200 result=1\nHANGUP";
        }
        return "200 result=0";
    }

    private string DigitReply()
    {
        var digit = _digits.Count > 0 ? _digits.Dequeue() : null;
        return digit is { } d ? $"200 result={(int)d}" : "200 result=0";
    }
}

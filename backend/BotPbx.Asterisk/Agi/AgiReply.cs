using System.Globalization;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// One answer from Asterisk: <c>200 result=&lt;n&gt;[ (&lt;data&gt;)][ endpos=&lt;n&gt;]</c>, or an error status
/// (<c>510 Invalid or unknown command</c>, <c>511 Command Not Permitted on a dead channel or intercept routine</c>,
/// <c>520</c> with the usage text).
/// </summary>
public sealed record AgiReply
{
    public const int Success = 200;
    public const int InvalidCommand = 510;
    public const int DeadChannel = 511;
    public const int InvalidSyntax = 520;

    /// <summary>The status code: 200, 510, 511 or 520.</summary>
    public required int Status { get; init; }

    /// <summary>The text after <c>result=</c> up to the first space; empty for <c>result= (timeout)</c> and for error statuses.</summary>
    public string Result { get; init; } = "";

    /// <summary>The text inside the parentheses (<c>result=1 (value)</c>); null when there were none, "" for <c>()</c>.</summary>
    public string? Data { get; init; }

    /// <summary>The <c>endpos=</c> sample offset that playback and recording commands report.</summary>
    public long? EndPosition { get; init; }

    /// <summary>For error statuses the message (and for 520 the usage text that followed it); for 200 the raw line.</summary>
    public string Text { get; init; } = "";

    public bool IsSuccess => Status == Success;

    /// <summary>The result as a number, or null when it is empty or not a number (<c>result= (timeout)</c>).</summary>
    public int? ResultCode =>
        int.TryParse(Result, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A one-line description for messages: the reply without any usage text.</summary>
    public string Summary
    {
        get
        {
            var newline = Text.IndexOf('\n', StringComparison.Ordinal);
            return newline < 0 ? Text : Text[..newline];
        }
    }
}

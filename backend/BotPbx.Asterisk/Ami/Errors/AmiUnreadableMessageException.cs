namespace BotPbx.Asterisk.Ami;

/// <summary>
/// One whole message (up to its empty line) that is not AMI: its first line is not <c>Response:</c> or
/// <c>Event:</c>. Unlike <see cref="AmiProtocolException"/>, the stream is still framed, so the reader logs the
/// message, skips <see cref="Length"/> bytes and carries on; one odd reply must not cost every pending action
/// (issue 8: a real reply dropped the whole connection).
/// </summary>
public sealed class AmiUnreadableMessageException : AmiException
{
    public AmiUnreadableMessageException(string message, int length) : base(message)
    {
        Length = length;
    }

    /// <summary>Bytes the message takes at the front of the buffer the parser left, its closing empty line included.</summary>
    public int Length { get; }

    public override bool IsTransient => true;
}

namespace BotPbx.Asterisk.Agi;

/// <summary>What arrives from Asterisk after the environment: a reply to the oldest command, or the unprompted HANGUP line.</summary>
internal readonly record struct AgiInboundMessage(AgiReply? Reply)
{
    public static AgiInboundMessage Hangup => default;

    public bool IsHangup => Reply is null;
}

namespace BotPbx.Voice.Calls;

/// <summary>How agent calls reach BotPBX's audio: where Asterisk connects the externalMedia channel, and in what format.</summary>
public sealed record AgentCallOptions
{
    /// <summary>The Stasis application (the dialplan's <c>Stasis(botpbx,agent,&lt;id&gt;)</c>).</summary>
    public string StasisApp { get; init; } = "botpbx";

    /// <summary><c>host:port</c> of BotPBX's AudioSocket server as Asterisk reaches it.</summary>
    public string AudioSocketEndpoint { get; init; } = "127.0.0.1:9092";

    /// <summary>
    /// Asterisk's codec for the externalMedia channel: <c>slin16</c> gives 16 kHz audio both ways (AudioSocket kind
    /// 0x12, fixture audiosocket-ari-externalmedia-slin16), better for speech recognition than the phone network's 8 kHz;
    /// <c>slin</c> gives 8 kHz (0x10).
    /// </summary>
    public string Format { get; init; } = "slin16";

    /// <summary>How long Asterisk has to connect the externalMedia channel's AudioSocket.</summary>
    public TimeSpan MediaConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a warm transfer rings the human before the agent takes the caller back.</summary>
    public TimeSpan WarmTransferRingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int SampleRate => Format == "slin16" ? 16_000 : 8_000;
}

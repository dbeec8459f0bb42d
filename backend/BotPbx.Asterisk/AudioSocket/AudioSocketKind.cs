namespace BotPbx.Asterisk.AudioSocket;

/// <summary>
/// The first byte of every AudioSocket frame (Asterisk include/asterisk/res_audiosocket.h). Audio is signed linear
/// 16-bit mono, little-endian samples; the kind says the rate (fixture audiosocket-ari-externalmedia-slin16: 0x12).
/// </summary>
public enum AudioSocketKind : byte
{
    /// <summary>End of the call. Sent by the server, Asterisk closes at once; Asterisk itself just closes the socket.</summary>
    Hangup = 0x00,

    /// <summary>The first frame: the call's UUID as 16 raw bytes in network order.</summary>
    Uuid = 0x01,

    /// <summary>One ASCII DTMF digit, in the middle of the audio. Asterisk only sends it: it drops a call that receives one.</summary>
    Dtmf = 0x03,

    Slin8 = 0x10,
    Slin12 = 0x11,
    Slin16 = 0x12,
    Slin24 = 0x13,
    Slin32 = 0x14,
    Slin44 = 0x15,
    Slin48 = 0x16,
    Slin96 = 0x17,
    Slin192 = 0x18,

    /// <summary>An error; the payload is an optional application-specific code.</summary>
    Error = 0xff,
}

/// <summary>The audio kinds and their sample rates: one table instead of switches over kinds.</summary>
public static class AudioSocketFormats
{
    private static readonly Dictionary<AudioSocketKind, int> SampleRates = new()
    {
        [AudioSocketKind.Slin8] = 8_000,
        [AudioSocketKind.Slin12] = 12_000,
        [AudioSocketKind.Slin16] = 16_000,
        [AudioSocketKind.Slin24] = 24_000,
        [AudioSocketKind.Slin32] = 32_000,
        [AudioSocketKind.Slin44] = 44_100,
        [AudioSocketKind.Slin48] = 48_000,
        [AudioSocketKind.Slin96] = 96_000,
        [AudioSocketKind.Slin192] = 192_000,
    };

    public static bool IsAudio(AudioSocketKind kind) => SampleRates.ContainsKey(kind);

    /// <summary>Samples per second of an audio kind.</summary>
    public static int SampleRate(AudioSocketKind kind) =>
        SampleRates.TryGetValue(kind, out var rate) ? rate : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an audio kind.");

    /// <summary>Bytes of 16-bit mono audio in <paramref name="duration"/>: 320 for 20 ms at 8 kHz, 640 at 16 kHz.</summary>
    public static int BytesPer(AudioSocketKind kind, TimeSpan duration) =>
        checked((int)(SampleRate(kind) * duration.Ticks / TimeSpan.TicksPerSecond) * 2);

    /// <summary>Whether a byte read off the wire is a kind this server understands.</summary>
    public static bool IsKnown(byte kind) =>
        kind is (byte)AudioSocketKind.Hangup or (byte)AudioSocketKind.Uuid or (byte)AudioSocketKind.Dtmf or (byte)AudioSocketKind.Error ||
        SampleRates.ContainsKey((AudioSocketKind)kind);
}

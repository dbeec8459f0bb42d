namespace BotPbx.Asterisk.Ami;

/// <summary>Where one <c>Key: Value</c> line sits inside a message's bytes. KeyStart -1 = a legacy output line.</summary>
internal readonly record struct AmiFieldRange(int KeyStart, int KeyLength, int ValueStart, int ValueLength);

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BotPbx.Voice.Agents;

/// <summary>
/// How BotPBX signs every agent webhook and function call, so a receiver can tell it came from BotPBX and is fresh:
/// header <see cref="HeaderName"/> = <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// The timestamp is inside the signed text, so an old request replayed later fails a receiver's age check
/// (docs/ai-agents-config.md has a receiver in Python and in C#).
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-BotPBX-Signature";
    public const string EventHeader = "X-BotPBX-Event";
    public const string DeliveryHeader = "X-BotPBX-Delivery";

    public static string Create(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Compute(secret, timestamp, body))}";
    }

    /// <summary>Checks a header against the body (constant-time) and that its timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null) return false;
        string? timestamp = null, signature = null;
        foreach (var part in header.Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) timestamp = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signature = part[3..];
        }
        if (timestamp is null || signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Compute(secret, timestamp, body));
    }

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}

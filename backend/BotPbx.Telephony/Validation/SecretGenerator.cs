using System.Security.Cryptography;

namespace BotPbx.Telephony.Validation;

/// <summary>Strong SIP secrets from the alphabet <see cref="Rules.ExtensionSecret"/> accepts (letters and digits only: easy to type into a phone).</summary>
public static class SecretGenerator
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>24 characters from 57 symbols ≈ 140 bits.</summary>
    public static string Generate(int length = 24) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Voicemail PINs: 6 random digits.</summary>
    public static string Pin() => RandomNumberGenerator.GetString("0123456789", 6);
}

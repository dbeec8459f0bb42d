using System.Security.Cryptography;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Auth;

/// <summary>The password policy and the generator for passwords the server hands out.</summary>
public static class Passwords
{
    public const int MinLength = 12;
    public const int MaxLength = 256;
    public const int GeneratedLength = 20;

    // No look-alikes (0/O, 1/l/I) so a password read off a log or a screen can be typed back.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>20 characters from 57 symbols ≈ 116 bits.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>Adds a field error when the password breaks the policy; returns whether it is acceptable.</summary>
    public static bool Validate(FieldErrors errors, string field, string? password)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(password)) return errors.Check(false, field, "is required");
        return errors.Check(password.Length >= MinLength, field, $"must be at least {MinLength} characters")
            && errors.Check(password.Length <= MaxLength, field, $"must be at most {MaxLength} characters")
            && errors.Check(!string.IsNullOrWhiteSpace(password), field, "must not be only spaces");
    }
}

using Microsoft.AspNetCore.Identity;

namespace BotPbx.Api.Features.Auth;

/// <summary>ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, versioned format) behind a small facade.</summary>
public sealed class UserPasswordHasher
{
    private static readonly PasswordHasher<object> Hasher = new();

    // Verified against when the e-mail is unknown, so an unknown address costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new object(), Passwords.Generate()));

    public string Hash(string password) => Hasher.HashPassword(new object(), password);

    public PasswordCheck Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(new object(), hash ?? DummyHash.Value, password);
        if (hash is null) return PasswordCheck.Wrong;
        return result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Correct,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectButRehash,
            _ => PasswordCheck.Wrong,
        };
    }
}

public enum PasswordCheck
{
    Wrong,
    Correct,
    CorrectButRehash,
}

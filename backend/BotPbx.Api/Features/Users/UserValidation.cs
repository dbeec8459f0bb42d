using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Users;

public static class UserValidation
{
    public const int NameMaxLength = 100;

    public static FieldErrors Validate(string? email, string? name, string? role)
    {
        var errors = new FieldErrors();
        if (errors.Required("email", email))
        {
            errors.Check(EmailAddress.IsValid(email), "email", "must be a valid e-mail address");
        }
        errors.MaxLength("name", name, NameMaxLength);
        errors.NoControlCharacters("name", name);
        if (errors.Required("role", role))
        {
            errors.Check(Roles.IsValid(role), "role", $"must be one of: {string.Join(", ", Roles.All)}");
        }
        return errors;
    }
}

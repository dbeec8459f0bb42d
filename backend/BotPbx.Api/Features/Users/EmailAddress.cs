using System.Text.RegularExpressions;

namespace BotPbx.Api.Features.Users;

public static partial class EmailAddress
{
    public const int MaxLength = 254;

    // Deliberately loose (one @, no spaces, a dot-free host is allowed for "admin@localhost"-style installs):
    // the address is a login name here, not a mailbox we deliver to.
    [GeneratedRegex(@"\A[^@\s\p{C}]+@[^@\s\p{C}]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) =>
        value is not null && value.Trim().Length <= MaxLength && Pattern().IsMatch(value.Trim());
}

using System.Text.Json.Serialization;

namespace BotPbx.Api.Features.Users;

/// <summary>A row of <c>users</c>. Holds the password hash, so it never leaves the server: map it to <see cref="UserResponse"/>.</summary>
public sealed class UserRecord
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public bool Disabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }

    public UserResponse ToResponse() => new(Id, Email, Name, Role, Disabled, CreatedAt, LastLoginAt);
}

/// <summary>The API's User; never any password or hash.</summary>
public sealed record UserResponse(long Id, string Email, string Name, string Role, bool Disabled,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt);

/// <summary>201 answer of POST /api/users: the user, plus the generated password when the server chose it (shown once).</summary>
public sealed record CreatedUserResponse(long Id, string Email, string Name, string Role, bool Disabled,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InitialPassword)
{
    public static CreatedUserResponse From(UserResponse user, string? initialPassword) =>
        new(user.Id, user.Email, user.Name, user.Role, user.Disabled, user.CreatedAt, user.LastLoginAt, initialPassword);
}

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password);

public sealed record UpdateUserRequest(string? Email, string? Name, string? Role, bool? Disabled);

public sealed record ResetPasswordResponse(string Password);

namespace BotPbx.Api.Features.Auth;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record MeResponse(long Id, string Email, string Name, string Role);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, MeResponse User);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

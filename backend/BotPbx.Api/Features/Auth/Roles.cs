namespace BotPbx.Api.Features.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Supervisor, Agent];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Authorization policies of API-CONTRACT.md.</summary>
public static class Policies
{
    /// <summary>Admins only: users, settings, audit.</summary>
    public const string Admin = "Admin";

    /// <summary>Admins and supervisors: operations.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Any signed-in user.</summary>
    public const string Agent = "Agent";
}

namespace BotPbx.Api.Configuration;

/// <summary>
/// The flat environment variable (seed 003, "Environment Variables") that overrides this option. It wins over
/// appsettings.json, which stays the fallback.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnvironmentVariableAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

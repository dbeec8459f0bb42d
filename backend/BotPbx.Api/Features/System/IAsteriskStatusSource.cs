using System.Text.Json.Serialization;

namespace BotPbx.Api.Features.SystemStatus;

/// <summary>
/// Where the status page learns how the Asterisk connections are doing. The protocol layer registers its own
/// implementation (replacing <see cref="NotConfiguredAsteriskStatusSource"/>) once the AMI client is wired in.
/// </summary>
public interface IAsteriskStatusSource
{
    AmiStatus GetAmiStatus();
}

public static class AmiStates
{
    public const string NotConfigured = "not_configured";
    public const string Connecting = "connecting";
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
}

/// <param name="State">One of <see cref="AmiStates"/>.</param>
/// <param name="Since">When the connection entered this state.</param>
public sealed record AmiStatus(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Host = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Port = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Since = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError = null);

/// <summary>Used until the protocol layer provides a real source.</summary>
public sealed class NotConfiguredAsteriskStatusSource : IAsteriskStatusSource
{
    public AmiStatus GetAmiStatus() => new(AmiStates.NotConfigured);
}

/// <summary>The ARI event connection, in the same states as AMI.</summary>
public sealed record AriConnectionStatus(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Since = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError = null);

/// <summary>A server Asterisk connects to (FastAGI, AudioSocket): where it listens and how many calls it serves now.</summary>
public sealed record ListenerStatus(
    bool Enabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Listening,
    int ActiveSessions);

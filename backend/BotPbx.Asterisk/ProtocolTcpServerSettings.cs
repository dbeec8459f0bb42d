using System.Net;

namespace BotPbx.Asterisk;

/// <summary>Settings and hooks of a <see cref="ProtocolTcpServer"/>: what differs between FastAGI and AudioSocket.</summary>
internal sealed record ProtocolTcpServerSettings(
    string Name,
    IPAddress BindAddress,
    int Port,
    int MaxConcurrentSessions,
    TimeSpan StopGrace,
    Action<ProtocolLogLevel, string, EndPoint?, Exception?> Log);

/// <summary>The levels the skeleton logs at; each protocol maps them onto its own log entry type.</summary>
internal enum ProtocolLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

using BotPbx.Api.Features.SystemStatus;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>The foundation's status source, answered from the AMI client's connection state.</summary>
public sealed class AmiAsteriskStatusSource(AmiClientHost host) : IAsteriskStatusSource
{
    public AmiStatus GetAmiStatus()
    {
        if (host.Client is not { } client) return new AmiStatus(AmiStates.NotConfigured);
        var status = client.Status;
        var state = status.State switch
        {
            AmiConnectionState.Connected => AmiStates.Connected,
            AmiConnectionState.Connecting or AmiConnectionState.Authenticating or AmiConnectionState.NotStarted => AmiStates.Connecting,
            _ => AmiStates.Disconnected,
        };
        return new AmiStatus(state, host.Options.Host, host.Options.Port, status.Since, status.LastError?.Message);
    }
}

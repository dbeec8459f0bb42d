namespace BotPbx.Api.Configuration;

/// <summary>The AudioSocket server the dialplan reaches with <c>AudioSocket(uuid,host:port)</c>.</summary>
public sealed class AudioSocketOptions
{
    [EnvironmentVariable("AUDIOSOCKET_HOST")]
    public string Host { get; set; } = "127.0.0.1";

    [EnvironmentVariable("AUDIOSOCKET_PORT")]
    public int Port { get; set; } = 9092;

    [EnvironmentVariable("AUDIOSOCKET_ENABLED")]
    public bool Enabled { get; set; } = true;
}

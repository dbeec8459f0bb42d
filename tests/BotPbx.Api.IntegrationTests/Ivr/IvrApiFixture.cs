using System.Net;
using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Ivr;

/// <summary>
/// The API with its own prompt and recording directories, plus a FastAGI server on a free loopback port that uses the
/// API's router, so a scripted Asterisk can call into IVRs stored in the database.
/// </summary>
public sealed class IvrApiFixture : ApiFixture, IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-ivr-api-" + Guid.NewGuid().ToString("N"));
    private FastAgiServer? _agi;

    public string PromptDirectory => Path.Combine(_root, "prompts");

    public string RecordingDirectory => Path.Combine(_root, "recordings");

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Ivr:Prompts:Directory"] = PromptDirectory,
        ["Ivr:RecordingsDirectory"] = RecordingDirectory,
    };

    public async Task<IPEndPoint> AgiAsync()
    {
        if (_agi is null)
        {
            var router = Api.Services.GetRequiredService<AgiRouter>();
            _agi = new FastAgiServer(new FastAgiOptions { Port = 0, BindAddress = IPAddress.Loopback }, router);
            await _agi.StartAsync(CancellationToken.None);
        }
        return _agi.LocalEndPoint;
    }

    /// <summary>A call from <paramref name="callerId"/> into <c>ivr/&lt;id&gt;</c>; returns the commands BotPBX sent.</summary>
    public async Task<(IReadOnlyList<string> Commands, string CallId)> CallAsync(long ivrId, Func<string, CancellationToken, Task<string?>> reply,
        string callerId = "5551234")
    {
        var callId = "1795239885." + Random.Shared.Next(1000, 999_999);
        await using var peer = new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = $"ivr/{ivrId}", UniqueId = callId, CallerIdNumber = callerId })
            .OnCommand(reply);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await peer.ConnectAsync(await AgiAsync(), timeout.Token);
        await peer.Completion.WaitAsync(timeout.Token);
        return (peer.Commands, callId);
    }

    /// <summary>Asterisk's answers for a caller who presses <paramref name="digit"/> when asked.</summary>
    public static Task<string?> Answer(string command, char digit = '1') => Task.FromResult<string?>(command switch
    {
        _ when command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) => $"200 result={(int)digit}",
        _ when command.StartsWith("STREAM FILE", StringComparison.Ordinal) => "200 result=0 endpos=8000",
        _ when command.StartsWith("HANGUP", StringComparison.Ordinal) => "200 result=1\nHANGUP",
        _ => "200 result=0",
    });

    /// <summary>Re-implements IAsyncLifetime.DisposeAsync: the FastAGI server stops before the API and the database go.</summary>
    public new async Task DisposeAsync()
    {
        if (_agi is not null) await _agi.DisposeAsync();
        await base.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

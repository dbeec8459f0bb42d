using System.Collections.Concurrent;
using System.Globalization;
using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

public sealed class FastAgiConcurrencyTests
{
    private const int Sessions = 500;

    [Fact]
    public async Task Five_hundred_concurrent_sessions_each_get_their_own_answers()
    {
        var results = new ConcurrentDictionary<string, string>();
        var router = new AgiRouter().Map("ivr/{id}", async (channel, token) =>
        {
            var id = channel.RouteValues["id"];
            await channel.AnswerAsync(token);
            await channel.SetVariableAsync("CALL_ID", id, token);
            var echoed = await channel.GetVariableAsync("CALL_ID", token);
            await channel.StreamFileAsync("welcome", "0123456789", token);
            var input = await channel.GetDataAsync("enter-pin", TimeSpan.FromSeconds(3), 6, token);
            results[id] = $"{echoed}/{input.Digits}";
        });
        await using var server = await TestAgiServer.StartAsync(router);

        var peers = Enumerable.Range(0, Sessions).Select(i => NewCaller(i.ToString(CultureInfo.InvariantCulture))).ToList();
        try
        {
            await Task.WhenAll(peers.Select(p => p.ConnectAsync(server.EndPoint, CancellationToken.None)));
            await Task.WhenAll(peers.Select(p => p.Completion)).WaitAsync(TestAgiServer.Patience);
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }

        Assert.Equal(Sessions, results.Count);
        Assert.All(results, r => Assert.Equal($"{r.Key}/{Pin(r.Key)}", r.Value));
        Assert.All(peers, p => Assert.Equal(5, p.Commands.Count));
        Assert.DoesNotContain(server.Log, e => e.Level >= FastAgiLogLevel.Warning);
    }

    /// <summary>A caller whose peer remembers SET VARIABLE and types a PIN derived from its own id.</summary>
    private static ScriptedAgiPeer NewCaller(string id)
    {
        string? stored = null;
        return new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = $"ivr/{id}", UniqueId = $"1795239885.{id}" }).OnCommand(command =>
        {
            var words = AsteriskArgumentSplitter.Split(command);
            switch (words[0])
            {
                case "SET":
                    stored = words[3];
                    return "200 result=1";
                case "GET" when words[1] == "VARIABLE":
                    return stored is null ? "200 result=0" : $"200 result=1 ({stored})";
                case "GET":
                    return $"200 result={Pin(id)}";
                case "STREAM":
                    return "200 result=0 endpos=8000";
                default:
                    return "200 result=0";
            }
        });
    }

    private static string Pin(string id) => (int.Parse(id, CultureInfo.InvariantCulture) * 7 % 1000).ToString("D3", CultureInfo.InvariantCulture);
}

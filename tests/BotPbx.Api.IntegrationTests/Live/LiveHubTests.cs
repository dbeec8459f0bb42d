using BotPbx.Api.Features.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace BotPbx.Api.IntegrationTests.Live;

/// <summary>The browsers' SignalR hub: signed-in users only, a snapshot, then deltas as AMI events arrive.</summary>
public sealed class LiveHubTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private HubConnection Connect(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.Api.Server.BaseAddress, LiveHub.Path), options =>
        {
            options.HttpMessageHandlerFactory = _ => fixture.Api.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    [Fact]
    public async Task Nobody_connects_to_the_hub_without_signing_in()
    {
        await using var hub = Connect(null);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Contains("401", failure.Message);
    }

    [Fact]
    public async Task A_signed_in_browser_gets_a_snapshot_then_a_delta_per_change()
    {
        using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, connected.Token);
        var token = (await fixture.Api.LoginAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword)).Token;
        await using var hub = Connect(token);
        var calls = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        var ended = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        var extensions = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("call", d => calls.Writer.TryWrite(d));
        hub.On<JsonElement>("callEnded", d => ended.Writer.TryWrite(d));
        hub.On<JsonElement>("extension", d => extensions.Writer.TryWrite(d));
        await hub.StartAsync(connected.Token);
        var snapshot = await hub.InvokeAsync<JsonElement>("GetSnapshot", connected.Token);
        Assert.True(snapshot.GetProperty("connected").GetBoolean());
        var version = snapshot.GetProperty("version").GetInt64();

        await fixture.PushAsync(LiveFixture.Newchannel("PJSIP/3101-00000001", "950.1", "950.1", "Ring", "3101", "3102"));
        var call = await calls.Reader.ReadAsync(connected.Token);
        Assert.True(call.GetProperty("version").GetInt64() > version);
        Assert.Equal("950.1", call.GetProperty("call").GetProperty("callId").GetString());
        Assert.Equal("ringing", call.GetProperty("call").GetProperty("state").GetString());

        await fixture.PushAsync(LiveFixture.Hint("3101", 1, "InUse"));
        var ext = await extensions.Reader.ReadAsync(connected.Token);
        Assert.Equal("3101", ext.GetProperty("extension").GetProperty("extension").GetString());
        Assert.Equal("busy", ext.GetProperty("extension").GetProperty("status").GetString());

        await fixture.PushAsync(LiveFixture.Hangup("PJSIP/3101-00000001", "950.1", "950.1"));
        var end = await ended.Reader.ReadAsync(connected.Token);
        Assert.Equal("950.1", end.GetProperty("callId").GetString());
        Assert.Equal("NO ANSWER", end.GetProperty("disposition").GetString());

        var after = await hub.InvokeAsync<JsonElement>("GetSnapshot", connected.Token);
        Assert.DoesNotContain(after.GetProperty("calls").EnumerateArray(), c => c.GetProperty("callId").GetString() == "950.1");
        Assert.True(after.GetProperty("version").GetInt64() >= end.GetProperty("version").GetInt64());
    }
}

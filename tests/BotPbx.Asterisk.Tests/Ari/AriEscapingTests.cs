using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>Ids and names from callers, trunks or the database never change the resource or add a parameter.</summary>
public sealed class AriEscapingTests : IAsyncLifetime
{
    private readonly FakeAriServer server = FakeAriServer.Start();
    private AriClient ari = null!;

    public Task InitializeAsync()
    {
        ari = new AriClient(AriTestKit.Options(server));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ari.DisposeAsync();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("../asterisk/info")]
    [InlineData("x?variable=EVIL")]
    [InlineData("a;2")]
    [InlineData("id with spaces & #hash")]
    [InlineData("ünïcode/%2F")]
    public async Task A_channel_id_stays_one_path_segment(string channelId)
    {
        await Assert.ThrowsAsync<AriException>(() => ari.Channels.AnswerAsync(channelId, AriTestKit.Guard()));

        var request = server.Requests[^1];
        Assert.Equal("/ari/channels/" + channelId + "/answer", request.Path);
        Assert.Equal(4, request.RawPath.Split('/').Length - 1);
        Assert.Empty(request.Query);
    }

    [Fact]
    public async Task A_variable_name_and_value_stay_one_parameter_each()
    {
        await Assert.ThrowsAsync<AriException>(() =>
            ari.Channels.SetVariableAsync("c1", "X&value=1", "a=b&c\r\nInjected: yes", AriTestKit.Guard()));

        var request = server.Requests[^1];
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("X&value=1", request.QueryValue("variable"));
        Assert.Equal("a=b&c\r\nInjected: yes", request.QueryValue("value"));
        Assert.False(request.Headers.ContainsKey("Injected"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public async Task Dot_segments_and_empty_ids_are_refused_before_sending(string channelId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ari.Channels.GetAsync(channelId, AriTestKit.Guard()));

        Assert.Empty(server.Requests);
    }
}

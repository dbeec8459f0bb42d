using BotPbx.Asterisk.Ami;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>Async Originate, answered with the recorded ami-events-originate-async replies.</summary>
public sealed class AmiOriginateTests
{
    [Fact]
    public async Task An_answered_originate_returns_the_OriginateResponse_with_its_channel()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-events-originate-async"));
        using var subscription = harness.Client.Subscribe(e => e.Is("OriginateResponse"));

        var result = await harness.Client.OriginateAsync(
            new AmiOriginateRequest("Local/600@from-internal") { Application = "Wait", Data = "3", CallerId = "\"Fixture\" <555>" },
            harness.Timeout);

        Assert.True(result.Success);
        Assert.Equal(4, result.Reason);
        Assert.Equal("Local/600@from-internal-00000005;1", result.Channel);
        Assert.Equal("1795239845.31", result.Uniqueid);
        var request = harness.Server.Requests.Last(r => r.IsAction("Originate"));
        Assert.Equal("true", request["Async"]);
        Assert.Equal(request.ActionId, result.Event.Raw.ActionId);
        // Other listeners (the dialer) see the OriginateResponse too.
        Assert.True(subscription.Reader.TryRead(out var seen));
        Assert.Equal(request.ActionId, seen.ActionId);
    }

    [Fact]
    public async Task An_originate_to_an_unreachable_endpoint_is_a_failed_result_not_an_exception()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-events-originate-async"));

        var result = await harness.Client.OriginateAsync(
            new AmiOriginateRequest("PJSIP/1003") { Context = "from-internal", Exten = "600", Priority = 1, Timeout = TimeSpan.FromSeconds(5) },
            harness.Timeout);

        Assert.False(result.Success);
        Assert.Equal(0, result.Reason);
        Assert.Null(result.Uniqueid);
    }

    [Fact]
    public async Task A_refused_originate_throws_what_Asterisk_said()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => [TestSupport.Asterisk.FakeAmiReplies.Error(request, "Permission denied")];

        var error = await Assert.ThrowsAsync<AmiActionException>(() => harness.Client.OriginateAsync(
            new AmiOriginateRequest("PJSIP/1002") { Context = "from-internal", Exten = "600" }, harness.Timeout));

        Assert.Equal("Permission denied", error.AsteriskMessage);
    }

    [Fact]
    public async Task Originate_variables_become_Variable_lines_and_bad_requests_are_refused_before_sending()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.ActionTimeout = TimeSpan.FromMilliseconds(200));
        harness.Server.Handler = request => request.IsAction("Originate") ? [] : null;
        var variables = new Dictionary<string, string> { ["CAMPAIGN_ID"] = "42", ["LEAD"] = "a b" };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.OriginateAsync(
            new AmiOriginateRequest("PJSIP/1002") { Application = "Wait", Variables = new Dictionary<string, string> { ["A=B"] = "1" } }, harness.Timeout));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.OriginateAsync(new AmiOriginateRequest("PJSIP/1002"), harness.Timeout));
        // Never answered: the wait is bounded by ring time + action timeout.
        await Assert.ThrowsAsync<AmiTimeoutException>(() => harness.Client.OriginateAsync(
            new AmiOriginateRequest("PJSIP/1002") { Application = "Wait", Variables = variables, Timeout = TimeSpan.FromMilliseconds(1) }, harness.Timeout));

        // The client gave up after its timeout; the peer records what it read on its own schedule.
        using var patience = new CancellationTokenSource(AmiTestHarness.Guard);
        while (!harness.Server.Requests.Any(r => r.IsAction("Originate"))) await Task.Delay(25, patience.Token);
        var sent = Assert.Single(harness.Server.Requests, r => r.IsAction("Originate"));
        Assert.Equal(["CAMPAIGN_ID=42", "LEAD=a b"], sent.GetAll("Variable"));
        Assert.Equal("1", sent["Timeout"]);
    }
}

using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>List actions answered with the recorded ami-eventlists replies (EventList: start … …Complete).</summary>
public sealed class AmiEventListTests
{
    public static TheoryData<string, string?, string, string, int> Lists => new()
    {
        { "CoreShowChannels", null, "CoreShowChannel", "CoreShowChannelsComplete", 2 },
        { "Status", null, "Status", "StatusComplete", 2 },
        { "PJSIPShowEndpoints", null, "EndpointList", "EndpointListComplete", 3 },
        { "PJSIPShowContacts", null, "ContactList", "ContactListComplete", 2 },
        { "QueueSummary", "support", "QueueSummary", "QueueSummaryComplete", 1 },
        { "QueueStatus", "nosuchqueue", "", "QueueStatusComplete", 0 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_action_collects_every_item_until_the_Complete_event(string action, string? queue, string itemEvent, string completeEvent, int count)
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-eventlists"));

        var list = await harness.Client.SendEventListAsync(new AmiAction(action).Add("Queue", queue), null, harness.Timeout);

        Assert.True(list.Response.StartsEventList);
        Assert.Equal(count, list.Items.Count);
        Assert.All(list.Items, item => Assert.Equal(itemEvent, item.Name));
        Assert.Equal(completeEvent, list.Complete!.Name);
        Assert.Equal(count, list.ListItems);
    }

    [Fact]
    public async Task QueueStatus_items_of_different_kinds_arrive_in_order()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-eventlists"));

        var list = await harness.Client.SendEventListAsync(new AmiAction("QueueStatus"), null, harness.Timeout);

        Assert.Equal(["QueueParams", "QueueMember", "QueueEntry"], list.Items.Select(i => i.Name));
        Assert.Equal("PJSIP/1001-00000013", list.Items[2]["Channel"]);
    }

    [Fact]
    public async Task List_items_are_not_delivered_to_subscribers()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-eventlists"));
        using var subscription = harness.Client.Subscribe();

        await harness.Client.SendEventListAsync(new AmiAction("PJSIPShowEndpoints"), null, harness.Timeout);

        while (subscription.Reader.TryRead(out var seen)) Assert.NotEqual("EndpointList", seen.Name);
    }

    [Fact]
    public async Task A_list_action_that_is_refused_completes_with_no_items()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();

        var list = await harness.Client.SendEventListAsync(new AmiAction("NoSuchList"), null, harness.Timeout);

        Assert.False(list.Response.IsSuccess);
        Assert.Empty(list.Items);
        Assert.Null(list.Complete);
    }

    [Fact]
    public async Task A_list_that_overtakes_its_response_waits_for_it_and_the_connection_stays_up()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = request => request.IsAction("CoreShowChannels")
            ?
            [
                FakeAmiReplies.Event("CoreShowChannel", ("ActionID", request.ActionId!), ("Channel", "PJSIP/1001-00000001")),
                FakeAmiReplies.Event("CoreShowChannelsComplete", ("ActionID", request.ActionId!), ("EventList", "Complete"), ("ListItems", "1")),
                FakeAmiReplies.Success(request, ("EventList", "start"), ("Message", "Channels will follow")),
            ]
            : null;

        var list = await harness.Client.SendEventListAsync(new AmiAction("CoreShowChannels"), null, harness.Timeout);

        Assert.Equal("PJSIP/1001-00000001", Assert.Single(list.Items)["Channel"]);
        Assert.Equal("CoreShowChannelsComplete", list.Complete!.Name);
        await harness.Client.PingAsync(harness.Timeout);
        Assert.Equal(AmiConnectionState.Connected, harness.Client.Status.State);
    }
}

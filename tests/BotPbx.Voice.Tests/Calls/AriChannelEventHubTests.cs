using BotPbx.Asterisk.Ari;

namespace BotPbx.Voice.Tests.Calls;

public sealed class AriChannelEventHubTests
{
    [Fact]
    public void A_watcher_hears_only_its_channel_until_it_stops_watching()
    {
        var hub = new AriChannelEventHub();
        var heard = new List<string>();
        var watch = hub.Watch("caller-1", e => heard.Add(e.Type));

        hub.Publish(new StasisEndEvent { Type = "StasisEnd", Channel = new Channel { Id = "caller-1" } });
        hub.Publish(new StasisEndEvent { Type = "StasisEnd", Channel = new Channel { Id = "someone-else" } });
        watch.Dispose();
        hub.Publish(new ChannelDestroyedEvent { Type = "ChannelDestroyed", Channel = new Channel { Id = "caller-1" } });

        Assert.Equal(["StasisEnd"], heard);
    }

    [Fact]
    public void A_channel_is_claimed_until_the_claim_is_released()
    {
        var hub = new AriChannelEventHub();

        using (hub.Claim("botpbx-media-1"))
        {
            Assert.True(hub.IsClaimed("botpbx-media-1"));
            Assert.False(hub.IsClaimed("botpbx-media-2"));
        }
        Assert.False(hub.IsClaimed("botpbx-media-1"));
    }

    [Fact]
    public void A_failing_watcher_does_not_keep_others_from_hearing()
    {
        var hub = new AriChannelEventHub();
        var heard = 0;
        using var bad = hub.Watch("c", _ => throw new InvalidOperationException("boom"));
        using var good = hub.Watch("c", _ => heard++);

        hub.Publish(new StasisStartEvent { Type = "StasisStart", Channel = new Channel { Id = "c" } });

        Assert.Equal(1, heard);
    }
}

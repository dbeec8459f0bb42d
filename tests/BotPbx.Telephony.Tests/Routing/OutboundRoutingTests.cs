using BotPbx.Telephony.Model;
using BotPbx.Telephony.Routing;

namespace BotPbx.Telephony.Tests.Routing;

public class OutboundRoutingTests
{
    [Theory]
    [InlineData("_9NXXNXXXXXX", "92125550123", true)]
    [InlineData("_9NXXNXXXXXX", "91125550123", false)]   // N is 2-9
    [InlineData("_9NXXNXXXXXX", "921255501234", false)]  // one digit too many
    [InlineData("9011.", "9011441234", true)]            // written without _: the renderer adds it
    [InlineData("9011.", "9011", false)]                 // . needs at least one more character
    [InlineData("_1!", "1", true)]                       // ! also matches nothing
    [InlineData("_Zxx", "100", true)]
    [InlineData("_Zxx", "010", false)]
    [InlineData("911", "911", true)]                     // literal
    [InlineData("911", "9110", false)]
    [InlineData("_+1NXX.", "+12125550123", true)]
    public void Patterns_match_as_asterisk_matches_them(string pattern, string number, bool matches)
    {
        Assert.Equal(matches, DialPattern.Matches(pattern, number));
    }

    [Fact]
    public void The_first_route_in_order_with_a_matching_pattern_takes_the_number()
    {
        var office = OfficeFixture.Build();
        Assert.Equal(1, OutboundRouting.Find(office, "92125550123")!.Route.Id);
        var international = OutboundRouting.Find(office, "9011441234567")!;
        Assert.Equal(2, international.Route.Id);
        Assert.False(international.DialsWithoutExtension); // route 2 is restricted to extensions 1 and 2
        Assert.Null(OutboundRouting.Find(office, "+12125550123"));
    }

    [Fact]
    public void Emergency_numbers_win_over_every_route_and_need_no_extension()
    {
        var office = OutboundRouting.Find(OfficeFixture.Build(), "911")!;
        Assert.True(office.Emergency);
        Assert.True(office.DialsWithoutExtension);
    }

    [Fact]
    public void Route_position_not_pattern_specificity_decides()
    {
        var config = new PbxConfiguration
        {
            OutboundRoutes =
            [
                new OutboundRoute { Id = 1, Position = 2, Patterns = ["_9NXXNXXXXXX"] },
                new OutboundRoute { Id = 2, Position = 1, Patterns = ["_9."], AllowedExtensionIds = [5] },
            ],
        };
        var match = OutboundRouting.Find(config, "92125550123")!;
        Assert.Equal(2, match.Route.Id);
        Assert.False(match.DialsWithoutExtension);
    }
}

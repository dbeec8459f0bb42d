using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Telephony.Tests.Validation;

public class ReferenceValidationTests
{
    [Fact]
    public void The_office_fixture_is_valid()
    {
        var errors = PbxValidator.Validate(OfficeFixture.Build());
        Assert.True(errors.IsValid, errors.ToString());
    }

    [Fact]
    public void A_destination_naming_a_missing_object_is_reported_on_its_target()
    {
        var config = OfficeFixture.Build();
        config = config with { InboundRoutes = [config.InboundRoutes[0] with { Destination = Destination.To(DestinationType.Queue, 99) }] };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Equal(["does not exist"], errors["inboundRoutes[0].destination.target"]);
    }

    [Fact]
    public void An_ivr_or_agent_destination_must_name_a_known_id()
    {
        var config = OfficeFixture.Build() with { IvrIds = [], AiAgentIds = [] };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Contains("timeConditions[0].open.target", errors.Keys);
        Assert.Contains("inboundRoutes[2].destination.target", errors.Keys);
    }

    [Fact]
    public void Internal_numbers_are_unique_across_extensions_queues_ring_groups_and_conferences()
    {
        var config = OfficeFixture.Build();
        config = config with { Queues = [config.Queues[0] with { Number = "1001" }, config.Queues[1]] };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Contains("is already used by queue 1", errors["extensions[0].number"]);
        Assert.Contains("is already used by extension 1", errors["queues[0].number"]);
    }

    [Fact]
    public void Routes_must_name_existing_trunks_and_extensions()
    {
        var config = OfficeFixture.Build();
        config = config with { OutboundRoutes = [config.OutboundRoutes[1] with { TrunkIds = [2, 42], AllowedExtensionIds = [77] }] };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Equal(["does not exist"], errors["outboundRoutes[0].trunkIds[1]"]);
        Assert.Equal(["does not exist"], errors["outboundRoutes[0].allowedExtensionIds[0]"]);
    }

    [Fact]
    public void A_voicemail_destination_needs_a_box_that_is_enabled()
    {
        var config = OfficeFixture.Build();
        // Extension 10 (1010) has voicemail disabled in the fixture.
        config = config with { RingGroups = [config.RingGroups[0] with { NoAnswerDestination = Destination.To(DestinationType.Voicemail, 10) }] };
        Assert.Contains("ringGroups[0].noAnswerDestination.target", PbxValidator.Validate(config).Fields);
    }

    [Fact]
    public void Feature_codes_must_differ_and_not_shadow_each_other()
    {
        var config = OfficeFixture.Build() with { FeatureCodes = new FeatureCodes { DndToggle = "*97", QueueLogin = "*4", QueueLogout = "*45" } };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Contains("is also used by another feature", errors["featureCodes.dndToggle"]);
        Assert.Contains("is a prefix of another feature code", errors["featureCodes.queueLogin"]);
    }

    [Fact]
    public void Time_conditions_need_a_real_zone_and_ranges_that_end_after_they_start()
    {
        var tc = OfficeFixture.Build().TimeConditions[0] with
        {
            TimeZone = "Mars/Olympus_Mons",
            Ranges = [new WeeklyRange(WeekDay.Mon, WeekDay.Fri, "18:00", "09:00")],
            Holidays = [new Holiday("Bad", 2, 30, 30)],
        };
        var errors = new ValidationErrors();
        TimeConditionValidator.Validate(tc, errors, null);
        var map = errors.ToDictionary();
        Assert.Equal(["is not a known time zone"], map["timeZone"]);
        Assert.Contains("ranges[0].end", map.Keys);
        Assert.Contains("holidays[0].fromDay", map.Keys);
    }

    [Fact]
    public void A_registering_trunk_needs_credentials()
    {
        var errors = new ValidationErrors();
        TrunkValidator.Validate(new Trunk { Name = "x", Host = "sip.example.com", Register = true }, errors);
        Assert.Equal(["is required"], errors.ToDictionary()["username"]);
        Assert.Equal(["is required"], errors.ToDictionary()["password"]);
    }

    [Fact]
    public void An_extension_secret_must_be_strong()
    {
        var errors = new ValidationErrors();
        ExtensionValidator.Validate(OfficeFixture.Build().Extensions[0] with { Secret = "1234" }, errors, null);
        Assert.Contains("secret", errors.Fields);
    }

    [Theory]
    [InlineData("_9NXXNXXXXXX")]
    [InlineData("011.")]
    [InlineData("NXXNXXXXXX")]
    [InlineData("911")]
    [InlineData("_+1NXXNXXXXXX")]
    public void Dial_patterns_from_the_manual_are_accepted(string pattern) => Assert.True(Rules.DialPattern.IsMatch(pattern));
}

public class ReferrerTests
{
    [Fact]
    public void An_extension_is_referenced_by_destinations_members_and_route_permissions()
    {
        var referrers = PbxReferrers.Find(OfficeFixture.Build(), PbxObjectKind.Extension, "1");
        Assert.Equal(["queue 1 (Sales)", "queue 1 (Sales) (member)", "time condition 1 (Business Hours)", "outbound route 2 (International)"], referrers);
    }

    [Fact]
    public void A_trunk_is_referenced_by_routes()
    {
        Assert.Equal(["inbound route 2 (Support line)", "outbound route 1 (US calls)"], PbxReferrers.Find(OfficeFixture.Build(), PbxObjectKind.Trunk, "1"));
    }

    [Fact]
    public void An_unreferenced_object_has_no_referrers()
    {
        Assert.Empty(PbxReferrers.Find(OfficeFixture.Build(), PbxObjectKind.Conference, "1"));
        Assert.Equal(["queue 2 (Support)"], PbxReferrers.Find(OfficeFixture.Build(), PbxObjectKind.MohClass, "office"));
    }

    [Fact]
    public void Generated_secrets_pass_the_secret_rule()
    {
        for (var i = 0; i < 50; i++) Assert.True(Rules.ExtensionSecret.IsMatch(SecretGenerator.Generate()));
        Assert.True(Rules.Pin.IsMatch(SecretGenerator.Pin()));
    }
}

public class ClashTests
{
    [Fact]
    public void A_second_inbound_route_for_the_same_did_is_reported_on_its_did()
    {
        var config = OfficeFixture.Build();
        config = config with { InboundRoutes = [.. config.InboundRoutes, config.InboundRoutes[0] with { Id = 9, Name = "Copy" }] };
        var errors = PbxValidator.Validate(config).ToDictionary();
        Assert.Equal(["another route already answers this DID for the same caller ID and trunk"], errors["inboundRoutes[3].did"]);
        Assert.DoesNotContain("inboundRoutes[0].did", errors.Keys);
    }

    [Fact]
    public void Trunk_names_are_unique_regardless_of_case()
    {
        var config = OfficeFixture.Build();
        config = config with { Trunks = [config.Trunks[0], config.Trunks[1] with { Name = "TELNYX" }] };
        Assert.Contains("trunks[1].name", PbxValidator.Validate(config).Fields);
    }
}

using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>What the generated files do, asserted on the lines that matter (the golden files pin the rest).</summary>
public class DialplanBehaviourTests
{
    private static readonly RenderedConfiguration Office = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);

    private static string[] Context(string file, string name)
    {
        var lines = Office.Files[file].Split('\n');
        var start = Array.IndexOf(lines, "[" + name + "]");
        Assert.True(start >= 0, $"context {name} missing");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('[')).Where(l => l.Length > 0 && !l.StartsWith(';')).ToArray();
    }

    [Fact]
    public void Outbound_routes_are_included_in_route_order_after_emergency_numbers()
    {
        Assert.Equal(["include => botpbx-emergency", "include => botpbx-outrt-1", "include => botpbx-outrt-2"], Context("extensions.conf", "botpbx-outbound"));
    }

    [Fact]
    public void Trunk_failover_continues_only_on_congestion_or_unavailable()
    {
        var sub = Context("extensions.conf", "botpbx-outrt-1-dial");
        var first = Array.FindIndex(sub, l => l.Contains("@botpbx-trunk-1", StringComparison.Ordinal));
        Assert.Contains("!=\"CHANUNAVAIL\"&\"${DIALSTATUS}\"!=\"CONGESTION\"]?Return()", sub[first + 1], StringComparison.Ordinal);
        // The call log notes the trunk about to be tried (CallLogVariables), then it is dialled.
        Assert.Contains("Set(CDR(botpbx_trunk)=botpbx-trunk-2)", sub[first + 2], StringComparison.Ordinal);
        Assert.Contains("@botpbx-trunk-2", sub[first + 3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_restricted_route_checks_the_endpoint_identity_not_the_caller_id()
    {
        var route = Context("extensions.conf", "botpbx-outrt-2");
        Assert.StartsWith("exten => _9011.,1,GotoIf($[${LEN(${FILTER(0-9*#+,${EXTEN})})}", route[0], StringComparison.Ordinal);
        Assert.Equal(" same => n,GotoIf($[${DIALPLAN_EXISTS(botpbx-outrt-2-allow,${BOTPBX_EXT},1)}]?ok)", route[1]);
        Assert.Equal(["exten => 1001,1,NoOp()", "exten => 1002,1,NoOp()"], Context("extensions.conf", "botpbx-outrt-2-allow"));
    }

    [Fact]
    public void Emergency_numbers_bypass_route_permissions()
    {
        var emergency = Context("extensions.conf", "botpbx-emergency");
        Assert.Contains("exten => 911,1,Gosub(botpbx-outrt-1-dial,s,1(${EXTEN}))", emergency);
        Assert.DoesNotContain(emergency, l => l.Contains("DIALPLAN_EXISTS", StringComparison.Ordinal));
    }

    [Fact]
    public void Time_conditions_pass_the_zone_to_GotoIfTime_and_check_holidays_first()
    {
        var tc = Context("extensions.conf", "botpbx-tc-1");
        Assert.Equal("exten => s,1,GotoIfTime(*,*,1,jan,America/New_York?closed)", tc[0]);
        // Open until 17:00 means the last open minute is 16:59 (GotoIfTime includes its end minute).
        Assert.Contains(" same => n,GotoIfTime(09:00-16:59,mon-fri,*,*,America/New_York?open)", tc);
        Assert.Contains(" same => n,AGI(agi://127.0.0.1:4573/ivr/12)", tc);
    }

    [Fact]
    public void Ai_agent_destinations_go_through_the_ai_agent_context_to_the_botpbx_stasis_application()
    {
        Assert.Contains(" same => n,Goto(botpbx-ai-agent,7,1)", Context("extensions.conf", "botpbx-inbound"));
        var agents = Context("extensions.conf", "botpbx-ai-agent");
        Assert.Contains("exten => 7,1,Answer()", agents);
        Assert.Contains(" same => n,Stasis(botpbx,agent,7)", agents);
    }

    [Fact]
    public void Ivr_destinations_dial_the_configured_fastagi_server()
    {
        var rendered = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options with { AgiHost = "10.1.2.3", AgiPort = 4600 });
        Assert.Contains("agi://10.1.2.3:4600/ivr/12", rendered.Files["extensions.conf"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1", 4573)]
    [InlineData("127.0.0.1", 0)]
    public void An_agi_address_asterisk_cannot_dial_is_refused(string host, int port)
    {
        Assert.Throws<BotPbx.Telephony.Validation.PbxValidationException>(() =>
            ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options with { AgiHost = host, AgiPort = port }));
    }

    [Fact]
    public void A_webrtc_extension_gets_a_browser_endpoint_with_webrtc_yes_while_its_desk_phones_keep_plain_rtp()
    {
        var pjsip = Office.Files["pjsip.conf"];
        Assert.Contains("[transport-wss]\ntype=transport\nprotocol=wss", pjsip, StringComparison.Ordinal);
        Assert.Contains("[transport-ws]\ntype=transport\nprotocol=ws", pjsip, StringComparison.Ordinal);
        var desk = pjsip[pjsip.IndexOf("[1002]", StringComparison.Ordinal)..];
        Assert.DoesNotContain("webrtc=yes", desk[..desk.IndexOf("type=auth", StringComparison.Ordinal)], StringComparison.Ordinal);
        var browser = pjsip[pjsip.IndexOf("[1002-webrtc]", StringComparison.Ordinal)..];
        var endpoint = browser[..browser.IndexOf("type=auth", StringComparison.Ordinal)];
        Assert.Contains("webrtc=yes", endpoint, StringComparison.Ordinal);
        Assert.Contains("callerid=\"Bob Brown\" <1002>", endpoint, StringComparison.Ordinal);
        Assert.Contains("set_var=__BOTPBX_EXT=1002", endpoint, StringComparison.Ordinal);
        Assert.Contains("[1002-webrtc]\ntype=auth\nauth_type=userpass\nusername=1002-webrtc\npassword=Web-1002-abcdefghij", pjsip, StringComparison.Ordinal);
        Assert.DoesNotContain("[1001-webrtc]", pjsip, StringComparison.Ordinal);
        Assert.Contains("icesupport=yes", Office.Files["rtp.conf"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_webrtc_extension_rings_its_browser_with_its_desk_phones_and_its_hint_covers_both()
    {
        var dialplan = Office.Files["extensions.conf"];
        Assert.Contains("exten => 1002,hint,PJSIP/1002&PJSIP/1002-webrtc", dialplan, StringComparison.Ordinal);
        Assert.Contains("Set(WEB=${PJSIP_DIAL_CONTACTS(1002-webrtc)})", dialplan, StringComparison.Ordinal);
        Assert.DoesNotContain("PJSIP_DIAL_CONTACTS(1001-webrtc)", dialplan, StringComparison.Ordinal);
        Assert.Contains("[botpbx-webrtc]\nexten => 1002,1,NoOp()", dialplan, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_trunks_get_registration_identify_auth_aor_and_endpoint()
    {
        var pjsip = Office.Files["pjsip.conf"];
        foreach (var type in new[] { "registration", "auth", "aor", "endpoint", "identify" })
            Assert.Contains($"[botpbx-trunk-1]\ntype={type}\n", pjsip, StringComparison.Ordinal);
        Assert.Contains("contact=sip:office.sip.twilio.com:5061\\;transport=tls", pjsip, StringComparison.Ordinal);
        Assert.Contains("outbound_proxy=sip:sip.twilio.com\\;lr", pjsip, StringComparison.Ordinal);
        Assert.Contains("match=54.172.60.0/30\nmatch=54.244.51.0/30", pjsip, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_appear_only_in_their_auth_sections()
    {
        var config = OfficeFixture.Build();
        var pjsip = Office.Files["pjsip.conf"];
        foreach (var e in config.Extensions)
        {
            Assert.Single(pjsip.Split('\n'), l => l.Contains(e.Secret, StringComparison.Ordinal));
            Assert.DoesNotContain(e.Secret, Office.Files["extensions.conf"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_disabled_trunk_is_not_rendered_and_routes_skip_it()
    {
        var config = OfficeFixture.Build();
        config = config with { Trunks = [config.Trunks[0] with { Enabled = false }, config.Trunks[1]] };
        var rendered = ConfigRenderer.Render(config, OfficeFixture.Options);
        Assert.DoesNotContain("botpbx-trunk-1", rendered.Files["pjsip.conf"], StringComparison.Ordinal);
        Assert.DoesNotContain("botpbx-trunk-1", rendered.Files["extensions.conf"], StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_members_ring_every_device_and_report_the_phone_state()
    {
        Assert.Contains("member => Local/1003@botpbx-device/n,1,1003,PJSIP/1003", Office.Files["queues.conf"], StringComparison.Ordinal);
        Assert.Contains("strategy=rrmemory", Office.Files["queues.conf"], StringComparison.Ordinal);
    }

    [Fact]
    public void Voicemail_boxes_carry_pin_name_and_email_only_when_notification_is_on()
    {
        var vm = Office.Files["voicemail.conf"];
        Assert.Contains("1001 => 41001,Alice Adams,alice@example.com,,attach=yes|delete=no|maxmsg=100|maxsecs=180", vm, StringComparison.Ordinal);
        Assert.Contains("1002 => 41002,Bob Brown,,,attach=no", vm, StringComparison.Ordinal);
        Assert.DoesNotContain("1010 =>", vm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_puts_every_file_in_the_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "botpbx-render-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ConfigRenderer.WriteAsync(Office, dir, CancellationToken.None);
            Assert.Equal(ConfigRenderer.FileNames, Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(Office.Files["pjsip.conf"], await File.ReadAllTextAsync(Path.Combine(dir, "pjsip.conf")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

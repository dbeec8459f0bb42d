using System.Net;
using System.Text.RegularExpressions;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using BotPbx.Telephony.Tests;
using BotPbx.TestSupport.Asterisk;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Dialplan;

/// <summary>
/// The IVR and the PBX core meet in the dialplan: every place an IVR hands a call to (a Goto, a mailbox) must exist in
/// what the renderer writes for the office fixture, and the dialplan's IVR hand-off must reach the IVR's FastAGI route.
/// Transfers run through the real FastAGI server against a scripted Asterisk, so the Goto checked is the one on the wire.
/// </summary>
public sealed partial class TransfersLandInTheDialplanTests : IAsyncLifetime
{
    private readonly IvrHarness _ivr = new();
    private AgiIvrServer _server = null!;

    public async Task InitializeAsync() => _server = await AgiIvrServer.StartAsync(_ivr);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ivr.Dispose();
    }

    private static RenderedConfiguration RenderOffice(RenderOptions? options = null) =>
        ConfigRenderer.Render(OfficeFixture.Build(), options ?? OfficeFixture.Options);

    private async Task<IReadOnlyList<string>> Call(object node)
    {
        _ivr.Store.Publish("main", StartThen(node));
        return await _server.CallAsync("main", new AgiPhone());
    }

    /// <summary>Office objects by number: extension 1001, queue 600, ring group 700, route 1 dials 9NXXNXXXXXX, AI agent 7.</summary>
    [Theory]
    [InlineData("extension", "1001")]
    [InlineData("queue", "600")]
    [InlineData("queue", "601")]
    [InlineData("ringGroup", "700")]
    [InlineData("external", "92125550123")]
    [InlineData("external", "911")]
    [InlineData("aiAgent", "7")]
    public async Task Every_transfer_kind_lands_on_an_extension_the_rendered_dialplan_defines(string kind, string target)
    {
        var dialplan = new RenderedDialplan(RenderOffice().Files["extensions.conf"]);
        var commands = await Call(Node("t", "transfer", new { destination = new { kind, target } }));

        var (context, exten) = Goto(commands[^1]);
        Assert.Equal(target, exten);
        Assert.NotNull(dialplan.Resolve(context, exten));
    }

    [Fact]
    public async Task The_ai_agent_node_lands_in_the_ai_agent_context()
    {
        var dialplan = new RenderedDialplan(RenderOffice().Files["extensions.conf"]);
        var (context, exten) = Goto((await Call(Node("a", "aiAgent", new { agentId = "7" })))[^1]);
        Assert.Equal(DialplanContexts.AiAgents, dialplan.Resolve(context, exten));
    }

    [Fact]
    public async Task The_fallback_extension_is_dialled_as_a_phone_would_dial_it()
    {
        _ivr.Options.FallbackExtension = "700";
        var dialplan = new RenderedDialplan(RenderOffice().Files["extensions.conf"]);
        var commands = await Call(Node("go", "goToIvr", new { ivrId = "not-published" }));
        var (context, exten) = Goto(commands[^1]);
        Assert.Equal(DialplanContexts.RingGroups, dialplan.Resolve(context, exten));
    }

    [Theory]
    [InlineData("1001", "1001")]
    [InlineData("general", "1005")]
    public async Task Voicemail_leaves_the_message_in_a_mailbox_voicemail_conf_defines(string mailbox, string expected)
    {
        _ivr.Options.GeneralMailbox = "1005";
        var commands = await Call(Node("vm", "voicemail", new { mailbox }));
        var match = VoiceMailCommand().Match(commands.Single(c => c.StartsWith("EXEC VoiceMail", StringComparison.Ordinal)));
        Assert.True(match.Success);
        Assert.Equal(expected, match.Groups["box"].Value);
        var voicemail = RenderOffice().Files["voicemail.conf"];
        var section = voicemail[voicemail.IndexOf($"[{match.Groups["context"].Value}]", StringComparison.Ordinal)..];
        Assert.Contains($"\n{expected} => ", section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_tells_a_missing_target_from_a_present_one()
    {
        var dialplan = new RenderedDialplan(RenderOffice().Files["extensions.conf"]);
        Assert.Null(dialplan.Resolve(DialplanContexts.Queues, "699"));
        Assert.Null(dialplan.Resolve(DialplanContexts.Outbound, "+12125550123"));   // no route dials it without the 9
        Assert.Null(dialplan.Resolve("from-internal", "1001"));
        Assert.Equal("botpbx-outrt-2", dialplan.Resolve(DialplanContexts.Outbound, "9011441234567"));
    }

    [Fact]
    public async Task The_rendered_ivr_hand_off_reaches_the_ivr_on_the_configured_fastagi_server()
    {
        var endPoint = _server.EndPoint;
        var rendered = RenderOffice(OfficeFixture.Options with { AgiHost = endPoint.Address.ToString(), AgiPort = endPoint.Port });
        // The office's time condition sends open-hours calls to IVR 12.
        var url = AgiUrl().Match(rendered.Files["extensions.conf"]);
        Assert.True(url.Success, "the dialplan hands a call to an IVR with AGI(agi://…)");
        Assert.Equal(endPoint.Address.ToString(), url.Groups["host"].Value);
        Assert.Equal(endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), url.Groups["port"].Value);

        _ivr.Store.Publish("12", StartThen(Node("hi", "playMessage", new { prompt = Tts("Welcome") })));
        await using var peer = new AgiPhone().Attach(new ScriptedAgiPeer(new ScriptedAgiPeerCall { Script = url.Groups["path"].Value }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await peer.ConnectAsync(new IPEndPoint(IPAddress.Parse(url.Groups["host"].Value), int.Parse(url.Groups["port"].Value,
            System.Globalization.CultureInfo.InvariantCulture)), timeout.Token);
        await peer.Completion.WaitAsync(timeout.Token);
        Assert.Contains("STREAM FILE \"prompt:Welcome\" \"\"", peer.Commands);
    }

    private static (string Context, string Exten) Goto(string command)
    {
        var match = GotoCommand().Match(command);
        Assert.True(match.Success, $"expected EXEC Goto, got {command}");
        return (match.Groups["context"].Value, match.Groups["exten"].Value);
    }

    [GeneratedRegex("""^EXEC Goto "(?<context>[^,]+),(?<exten>[^,]+),1"$""")]
    private static partial Regex GotoCommand();

    [GeneratedRegex("""^EXEC VoiceMail "(?<box>[^@]+)@(?<context>[^,]+),u"$""")]
    private static partial Regex VoiceMailCommand();

    [GeneratedRegex(@"AGI\(agi://(?<host>[0-9.]+):(?<port>[0-9]+)/(?<path>ivr/12)\)")]
    private static partial Regex AgiUrl();
}

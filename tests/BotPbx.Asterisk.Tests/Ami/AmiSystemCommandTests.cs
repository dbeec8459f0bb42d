using BotPbx.Asterisk.Ami;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>The helpers the API and the config-apply path call, answered with Asterisk 22's recorded replies.</summary>
public sealed class AmiSystemCommandTests
{
    [Fact]
    public async Task CommandAsync_returns_the_Output_lines_exactly()
    {
        var fixture = AmiFixture.Load("ami-command-output");
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(fixture);

        var version = await harness.Client.CommandAsync("core show version", harness.Timeout);
        var endpoints = await harness.Client.CommandAsync("pjsip show endpoints", harness.Timeout);

        Assert.Equal(["Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-21 05:21:25 UTC"], version);
        var recorded = (AmiResponse)fixture.Messages().Single(m => m.ActionId == "cmd-endpoints");
        Assert.Equal(recorded.Output, endpoints);
    }

    [Fact]
    public async Task An_unknown_CLI_command_throws_with_Asterisks_output()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-command-output"));
        const string unknown = "no such cli command"; // as recorded in ami-command-output

        var error = await Assert.ThrowsAsync<AmiActionException>(() => harness.Client.CommandAsync(unknown, harness.Timeout));

        Assert.Equal("Command", error.Action);
        Assert.Contains(error.Response.Output, line => line.StartsWith("No such command", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_legacy_Follows_form_of_Command_is_understood()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = request => [FakeAmiReplies.LegacyCommandOutput(request, "Asterisk 13.38.3", "", "second: line")];

        var output = await harness.Client.CommandAsync("core show version", harness.Timeout);

        Assert.Equal(["Asterisk 13.38.3", "", "second: line"], output);
    }

    [Fact]
    public async Task ReloadModuleAsync_reports_reloaded_no_such_module_and_not_supported()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-events-reloads"));

        Assert.Equal(AmiReloadOutcome.Reloaded, await harness.Client.ReloadModuleAsync("res_pjsip.so", harness.Timeout));
        Assert.Equal(AmiReloadOutcome.Reloaded, await harness.Client.ReloadModuleAsync("pbx_config.so", harness.Timeout));
        Assert.Equal(AmiReloadOutcome.NoSuchModule, await harness.Client.ReloadModuleAsync("no_such_module.so", harness.Timeout));
        Assert.Equal(AmiReloadOutcome.NotSupported, await harness.Client.ReloadModuleAsync("app_echo.so", harness.Timeout));
    }

    [Fact]
    public async Task ReloadModuleAsync_reports_a_reload_in_progress_while_another_connection_reloads_everything()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-reload-in-progress-conn-b"));

        var outcomes = new List<AmiReloadOutcome>();
        for (var i = 0; i < 8; i++) outcomes.Add(await harness.Client.ReloadModuleAsync("res_pjsip.so", harness.Timeout));

        // Recorded: all eight answers came while connection a's full Reload was running.
        Assert.All(outcomes, outcome => Assert.Equal(AmiReloadOutcome.InProgress, outcome));
    }

    [Fact]
    public async Task A_CLI_reload_reports_in_progress_although_Asterisk_answers_Success()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-reload-in-progress-via-command-conn-b"));

        var first = await harness.Client.CommandReloadAsync("module reload res_pjsip.so", harness.Timeout);
        var results = new List<AmiCommandReloadResult> { first };
        for (var i = 1; i < 8; i++) results.Add(await harness.Client.CommandReloadAsync("module reload res_pjsip.so", harness.Timeout));

        Assert.Equal(AmiReloadOutcome.InProgress, first.Outcome);
        Assert.Equal(["A module reload request is already in progress; please be patient"], first.Output);
        Assert.Equal(AmiReloadOutcome.Reloaded, results[^1].Outcome);
        Assert.Equal(["Module 'res_pjsip.so' reloaded successfully."], results[^1].Output);
    }

    [Fact]
    public async Task CoreSettings_CoreStatus_and_Ping_are_typed()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync();
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-ping-coresettings-corestatus"));

        var settings = await harness.Client.CoreSettingsAsync(harness.Timeout);
        var status = await harness.Client.CoreStatusAsync(harness.Timeout);
        var roundTrip = await harness.Client.PingAsync(harness.Timeout);

        Assert.Equal("11.0.0", settings.AmiVersion);
        Assert.Equal("22.10.1", settings.AsteriskVersion);
        Assert.True(settings.CdrEnabled);
        Assert.False(settings.HttpEnabled);
        Assert.Equal(new DateTime(2026, 11, 21, 5, 39, 33, DateTimeKind.Unspecified), status.StartedAt);
        Assert.Equal(new DateTime(2026, 11, 21, 5, 42, 18, DateTimeKind.Unspecified), status.LastReloadAt);
        Assert.Equal(0, status.CurrentCalls);
        Assert.Equal(17, status.ProcessedCalls);
        Assert.True(roundTrip >= TimeSpan.Zero);
    }

    [Fact]
    public async Task GetVar_of_an_unset_global_is_empty_and_Hangup_of_an_unknown_channel_throws()
    {
        await using var harness = await AmiTestHarness.ConnectedAsync(configure: o => o.Events = "off");
        harness.Server.Handler = AmiFixtureReplay.Handler(AmiFixture.Load("ami-errors"));

        var value = await harness.Client.GetVarAsync(null, "NO_SUCH_GLOBAL", harness.Timeout);
        var error = await Assert.ThrowsAsync<AmiActionException>(() => harness.Client.HangupAsync("PJSIP/none-00000000", harness.Timeout));

        Assert.Equal(string.Empty, value);
        Assert.Equal("No such channel", error.AsteriskMessage);
    }
}

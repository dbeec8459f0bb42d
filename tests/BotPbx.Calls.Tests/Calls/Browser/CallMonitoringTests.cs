using System.Diagnostics;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls.Browser;

/// <summary>
/// Listen, whisper and barge on a real call between a customer (440 Hz) and an agent (660 Hz); the supervisor's phone
/// plays 880 Hz. What each party heard is read from its own recording.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class CallMonitoringTests(PbxFixture pbx)
{
    private const int CustomerHz = 440, AgentHz = 660, SupervisorHz = 880;

    private sealed record Parties(Phone Customer, Phone Agent, Phone Supervisor, string AgentNumber, HttpClient SupervisorApi) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            SupervisorApi.Dispose();
            await Supervisor.DisposeAsync();
            await Agent.DisposeAsync();
            await Customer.DisposeAsync();
        }
    }

    /// <summary>A customer on a call with an agent, and a supervisor (with a desk phone of their own) ready to monitor.</summary>
    private async Task<Parties> CallInProgressAsync()
    {
        var supervisor = await pbx.CreateUserAsync("supervisor");
        var customer = await pbx.CreateExtensionAsync("Customer");
        var agent = await pbx.CreateExtensionAsync("Agent");
        var supervisorExtension = await pbx.CreateExtensionAsync("Supervisor", customize: body => body["userId"] = supervisor.Id);
        await pbx.Api.ApplyAsync();
        var customerPhone = await pbx.PhoneAsync(customer, toneHz: CustomerHz);
        var agentPhone = await pbx.PhoneAsync(agent, toneHz: AgentHz);
        var supervisorPhone = await pbx.PhoneAsync(supervisorExtension, toneHz: SupervisorHz);
        await customerPhone.CallAsync(pbx.Uri(agent.Number));
        return new Parties(customerPhone, agentPhone, supervisorPhone, agent.Number, await pbx.ClientAsync(supervisor));
    }

    private static async Task<string> AgentChannelAsync(HttpClient supervisorApi, string agentNumber)
    {
        var (status, body) = await supervisorApi.GetJsonAsync("api/calls/monitor/channels");
        Assert.Equal(200, status);
        var channel = body["items"]!.AsArray().Select(c => c!.AsObject()).FirstOrDefault(c => c["extension"]?.ToString() == agentNumber);
        Assert.True(channel is not null, "the agent's channel should be listed: " + body.ToJsonString());
        return channel["channel"]!.ToString();
    }

    [Theory]
    [InlineData("listen", false, false)]
    [InlineData("whisper", true, false)]
    [InlineData("barge", true, true)]
    public async Task The_supervisor_hears_both_parties_and_is_heard_only_as_the_mode_allows(string mode, bool agentHearsSupervisor,
        bool customerHearsSupervisor)
    {
        await using var parties = await CallInProgressAsync();
        var channel = await AgentChannelAsync(parties.SupervisorApi, parties.AgentNumber);

        var (status, session) = await parties.SupervisorApi.PostJsonAsync("api/calls/monitor", new { channel, mode, device = "phone" });
        Assert.True(status == 200, $"monitor answered {status}: {session.ToJsonString()}");
        Assert.Equal(mode, session["mode"]?.ToString());
        await parties.Supervisor.WaitForIncomingCallAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await parties.Supervisor.HangUpAsync();
        await parties.Customer.HangUpAsync();
        await parties.Agent.WaitForEventAsync("CALL_CLOSED");

        var supervisorHeard = await parties.Supervisor.HeardAsync();
        var agentHeard = await parties.Agent.HeardAsync();
        var customerHeard = await parties.Customer.HeardAsync();
        Assert.True(Tones.Heard(supervisorHeard, CustomerHz), $"{mode}: the supervisor hears the customer ({Tones.Presence(supervisorHeard, CustomerHz):P0})");
        Assert.True(Tones.Heard(supervisorHeard, AgentHz), $"{mode}: the supervisor hears the agent ({Tones.Presence(supervisorHeard, AgentHz):P0})");
        Assert.Equal(agentHearsSupervisor, Tones.Heard(agentHeard, SupervisorHz));
        Assert.Equal(customerHearsSupervisor, Tones.Heard(customerHeard, SupervisorHz));
        Assert.True(Tones.Heard(agentHeard, CustomerHz) && Tones.Heard(customerHeard, AgentHz), $"{mode}: the call itself goes on");

        var audit = await pbx.Api.GetAsync("api/audit?limit=20");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]?.ToString() == "call.monitor" && e["target"]?.ToString() == channel);
    }

    /// <summary>
    /// One session, three modes: it starts as listen, the API switches it to whisper (the digit 5 played into the spy
    /// channel), then the supervisor presses 6 on their own phone to barge in.
    /// </summary>
    [CallFact]
    public async Task The_mode_switches_during_the_session_from_the_api_and_from_the_supervisors_keypad()
    {
        await using var parties = await CallInProgressAsync();
        var clock = Stopwatch.StartNew();
        var channel = await AgentChannelAsync(parties.SupervisorApi, parties.AgentNumber);
        var (status, session) = await parties.SupervisorApi.PostJsonAsync("api/calls/monitor", new { channel, mode = "listen", device = "phone" });
        Assert.True(status == 200, $"monitor answered {status}: {session.ToJsonString()}");
        var listening = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var whispering = clock.Elapsed;
        var (switched, switchedBody) = await parties.SupervisorApi.PostJsonAsync($"api/calls/monitor/{session["id"]}/mode", new { mode = "whisper" });
        Assert.True(switched == 200, $"switch answered {switched}: {switchedBody.ToJsonString()}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var barging = clock.Elapsed;
        await parties.Supervisor.PressAsync("6");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = clock.Elapsed;
        await parties.Supervisor.HangUpAsync();
        await parties.Customer.HangUpAsync();
        await parties.Agent.WaitForEventAsync("CALL_CLOSED");

        // The agent's and customer's recordings began when their call did, just before the clock started.
        var agentHeard = await parties.Agent.HeardAsync();
        var customerHeard = await parties.Customer.HeardAsync();
        Assert.False(Tones.Heard(Window(agentHeard, listening, whispering), SupervisorHz), "listen: the agent does not hear the supervisor");
        Assert.True(Tones.Heard(Window(agentHeard, whispering, barging), SupervisorHz), "whisper: the agent hears the supervisor");
        Assert.False(Tones.Heard(Window(customerHeard, whispering, barging), SupervisorHz), "whisper: the customer does not");
        Assert.True(Tones.Heard(Window(customerHeard, barging, end), SupervisorHz), "barge: the customer hears the supervisor");
        Assert.True(Tones.Heard(Window(agentHeard, barging, end), SupervisorHz), "barge: so does the agent");
        var audit = await pbx.Api.GetAsync("api/audit?limit=20");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]?.ToString() == "call.monitor_mode");
    }

    private static short[] Window(short[] samples, TimeSpan from, TimeSpan to)
    {
        var start = Math.Clamp((int)((from.TotalSeconds + 1.0) * Wav.SampleRate), 0, samples.Length);
        var stop = Math.Clamp((int)((to.TotalSeconds - 0.2) * Wav.SampleRate), start, samples.Length);
        return samples[start..stop];
    }

    [CallFact]
    public async Task Only_supervisors_monitor_and_only_an_extensions_live_channel()
    {
        await using var parties = await CallInProgressAsync();
        var channel = await AgentChannelAsync(parties.SupervisorApi, parties.AgentNumber);
        var agentUser = await pbx.CreateUserAsync("agent");
        using var agentApi = await pbx.ClientAsync(agentUser);

        var (refused, _) = await agentApi.PostJsonAsync("api/calls/monitor", new { channel, mode = "listen" });
        var (listRefused, _) = await agentApi.GetJsonAsync("api/calls/monitor/channels");
        var (gone, goneBody) = await parties.SupervisorApi.PostJsonAsync("api/calls/monitor",
            new { channel = channel[..^1] + (channel[^1] == '0' ? '1' : '0'), mode = "listen", device = "phone" });
        var (injected, injectedBody) = await parties.SupervisorApi.PostJsonAsync("api/calls/monitor",
            new { channel = channel + ",qBE", mode = "listen", device = "phone" });
        var (badMode, badModeBody) = await parties.SupervisorApi.PostJsonAsync("api/calls/monitor", new { channel, mode = "shout", device = "phone" });

        Assert.Equal(403, refused);
        Assert.Equal(403, listRefused);
        Assert.Equal(422, gone);
        Assert.Contains("channel", goneBody["errors"]!.AsObject().Select(p => p.Key));
        Assert.Equal(422, injected);
        Assert.Equal(422, badMode);
        Assert.Contains("mode", badModeBody["errors"]!.AsObject().Select(p => p.Key));
        Assert.False(parties.Supervisor.EverRang, "no refused request may ring the supervisor");
        await parties.Customer.HangUpAsync();
    }

    /// <summary>The supervisor's browser phone is rung into the session and, once answered, hears both parties.</summary>
    [CallFact]
    public async Task A_monitoring_call_rings_the_supervisors_browser_phone()
    {
        var supervisor = await pbx.CreateUserAsync("supervisor");
        await pbx.CreateBrowserExtensionAsync(supervisor, "Supervisor Web");
        var customer = await pbx.CreateExtensionAsync("Customer");
        var agent = await pbx.CreateExtensionAsync("Agent");
        await pbx.Api.ApplyAsync();
        await using var customerPhone = await pbx.PhoneAsync(customer, toneHz: CustomerHz);
        await using var agentPhone = await pbx.PhoneAsync(agent, toneHz: AgentHz);
        await using var browser = await pbx.BrowserPhoneAsync(supervisor, toneHz: SupervisorHz);
        using var supervisorApi = await pbx.ClientAsync(supervisor);
        await customerPhone.CallAsync(pbx.Uri(agent.Number));
        var channel = await AgentChannelAsync(supervisorApi, agent.Number);

        var start = supervisorApi.PostJsonAsync("api/calls/monitor", new { channel, mode = "listen" });
        await browser.WaitForAsync("role=alertdialog[name=\"Incoming call\"]", TimeSpan.FromSeconds(20));
        Assert.Contains("Monitor " + agent.Number, await browser.TextAsync("role=alertdialog[name=\"Incoming call\"]"), StringComparison.Ordinal);
        await browser.ClickAsync("role=alertdialog[name=\"Incoming call\"] >> role=button[name=\"Answer\"]");
        var (status, session) = await start;
        Assert.True(status == 200, $"monitor answered {status}: {session.ToJsonString()}");
        Assert.Equal("browser", session["device"]?.ToString());
        await browser.WaitForCallAsync(agent.Number);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var heard = await browser.RemoteAudioAsync(agent.Number, 2000, CustomerHz, AgentHz, SupervisorHz, 1200);
        await browser.ScreenshotAsync("monitoring.png");
        await customerPhone.HangUpAsync();
        await browser.WaitForCallEndedAsync(agent.Number);

        Assert.True(heard.Hears(CustomerHz) && heard.Hears(AgentHz), $"the supervisor's browser hears both parties: {heard}");
        Assert.False(Tones.Heard(await customerPhone.HeardAsync(), SupervisorHz), "listen: the customer does not hear the supervisor");
    }
}

using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Asterisk;
using BotPbx.Telephony.Rendering;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Telephony.Tests.Apply;

/// <summary>The apply path over the real AMI client against the scripted AMI peer (answers as in fixture ami-events-reloads and ami-reload-in-progress-*).</summary>
public sealed class AmiApplyTests : IAsyncLifetime, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-ami-apply-" + Guid.NewGuid().ToString("N"));
    private FakeAmiServer _ami = null!;
    private AmiClient _client = null!;
    private readonly Dictionary<string, Queue<string>> _reloadAnswers = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _ami = FakeAmiServer.Start(new FakeAmiServerOptions { Username = "botpbx", Secret = "s3cret" });
        _ami.Handler = request =>
        {
            if (!request.IsAction("Reload")) return null;
            var module = request["Module"] ?? "";
            var answer = _reloadAnswers.TryGetValue(module, out var q) && q.Count > 0 ? q.Dequeue() : "Module Reloaded";
            return [answer == "Module Reloaded" ? FakeAmiReplies.Success(request, ("Message", answer)) : FakeAmiReplies.Error(request, answer)];
        };
        _client = new AmiClient(new AmiOptions { Host = _ami.Host, Port = _ami.Port, Username = "botpbx", Secret = "s3cret", Events = "off", PingInterval = TimeSpan.Zero });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.ConnectAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _ami.DisposeAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private ConfigApplier Applier(out ApplyOptions options)
    {
        options = new ApplyOptions { ConfigDirectory = Path.Combine(_root, "botpbx"), MaxReloadAttempts = 5, ReloadRetryDelay = TimeSpan.FromMilliseconds(10) };
        return new ConfigApplier(new AmiAsteriskManager(_client), options, TimeProvider.System);
    }

    private static RenderedConfiguration Office() => ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);

    private IEnumerable<string> ReloadedModules() => _ami.Requests.Where(r => r.IsAction("Reload")).Select(r => r["Module"] ?? "");

    [Fact]
    public async Task Each_changed_module_is_reloaded_with_an_AMI_Reload_action()
    {
        using var applier = Applier(out _);
        var report = await applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success, report.Error);
        Assert.Equal(ReloadPlan.Modules.Select(m => m.Module), ReloadedModules());
    }

    [Fact]
    public async Task A_reload_in_progress_answer_is_retried_on_the_wire()
    {
        _reloadAnswers["res_pjsip.so"] = new(["A reload is in progress", "A reload is in progress"]);
        using var applier = Applier(out _);
        var report = await applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success, report.Error);
        Assert.Equal(3, ReloadedModules().Count(m => m == "res_pjsip.so"));
        Assert.Equal(3, report.Modules.Single(m => m.Module == "res_pjsip.so").Attempts);
    }

    [Fact]
    public async Task A_module_asterisk_does_not_know_is_reported_but_does_not_fail()
    {
        _reloadAnswers["app_confbridge.so"] = new(["No such module"]);
        using var applier = Applier(out _);
        var report = await applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success);
        Assert.Equal(ModuleReloadStatus.NotLoaded, report.Modules.Single(m => m.Module == "app_confbridge.so").Status);
    }

    [Fact]
    public async Task An_unexpected_reload_error_restores_the_previous_files()
    {
        using var applier = Applier(out var options);
        await applier.ApplyAsync(Office(), CancellationToken.None);
        var before = await File.ReadAllTextAsync(Path.Combine(options.ConfigDirectory, "queues.conf"));
        _reloadAnswers["app_queue.so"] = new(["Something went wrong"]);
        var config = OfficeFixture.Build();
        var changed = ConfigRenderer.Render(config with { Queues = [config.Queues[0] with { Weight = 5 }, config.Queues[1]] }, OfficeFixture.Options);

        var report = await applier.ApplyAsync(changed, CancellationToken.None);

        Assert.False(report.Success);
        Assert.True(report.RolledBack);
        var queue = report.Modules.Single(m => m.Module == "app_queue.so");
        Assert.Equal(ModuleReloadStatus.Failed, queue.Status);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(options.ConfigDirectory, "queues.conf")));
    }

    [Fact]
    public async Task Trunk_probe_reads_registration_and_contact_status()
    {
        _ami.Handler = request => request.Action switch
        {
            "PJSIPShowRegistrationsOutbound" => FakeAmiReplies.EventList(request, "OutboundRegistrationDetailComplete",
            [
                FakeAmiReplies.Event("OutboundRegistrationDetail", ("ObjectType", "registration"), ("ObjectName", "botpbx-trunk-2"), ("Status", "Rejected")),
                FakeAmiReplies.Event("OutboundRegistrationDetail", ("ObjectType", "registration"), ("ObjectName", "botpbx-trunk-1"), ("Status", "Registered")),
            ]),
            "PJSIPShowContacts" => FakeAmiReplies.EventList(request, "ContactListComplete",
            [
                FakeAmiReplies.Event("ContactList", ("ObjectType", "contact"), ("ObjectName", "botpbx-trunk-1;@8c7b3d"), ("Status", "Reachable"), ("RoundtripUsec", "23456")),
            ]),
            _ => null,
        };
        var probe = await new AmiAsteriskManager(_client).ProbeTrunkAsync("botpbx-trunk-1", CancellationToken.None);
        Assert.Equal(new TrunkProbe("Registered", "Reachable", 23.5), probe);
    }

    [Fact]
    public async Task Live_info_reads_version_uptime_modules_and_registered_endpoints()
    {
        _ami.Handler = request => request.Action switch
        {
            // Field values as recorded in fixture ami-ping-coresettings-corestatus and ami-eventlists.
            "CoreSettings" => [FakeAmiReplies.Success(request, ("AMIversion", "11.0.0"), ("AsteriskVersion", "22.10.1"), ("SystemName", ""))],
            "CoreStatus" => [FakeAmiReplies.Success(request, ("CoreStartupDate", "2026-11-21"), ("CoreStartupTime", "05:39:33"),
                ("CoreReloadDate", "2026-11-21"), ("CoreReloadTime", "05:42:18"), ("CoreCurrentCalls", "2"), ("CoreProcessedCalls", "17"))],
            "Command" when request["Command"] == "core show uptime seconds" => [FakeAmiReplies.CommandOutput(request, "System uptime: 221", "Last reload: 56")],
            "Command" => [FakeAmiReplies.CommandOutput(request, "Module                         Description                              Use Count  Status      Support Level",
                "res_pjsip.so                   Basic SIP resource                       88         Running              core", "2 modules loaded")],
            "PJSIPShowEndpoints" => FakeAmiReplies.EventList(request, "EndpointListComplete",
            [
                FakeAmiReplies.Event("EndpointList", ("ObjectType", "endpoint"), ("ObjectName", "1001"), ("Contacts", "1001/sip:1001@127.0.0.1:5071;ob,"), ("DeviceState", "Not in use")),
                FakeAmiReplies.Event("EndpointList", ("ObjectType", "endpoint"), ("ObjectName", "1002"), ("Contacts", ""), ("DeviceState", "Unavailable")),
            ]),
            _ => null,
        };
        var info = await new AmiAsteriskManager(_client).GetInfoAsync(CancellationToken.None);
        Assert.Equal(new AsteriskInfo("22.10.1", 221, new DateTime(2026, 11, 21, 5, 39, 33), new DateTime(2026, 11, 21, 5, 42, 18), 2, 2, 1, 2), info);
    }
}

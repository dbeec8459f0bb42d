using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Tests.Apply;

public sealed class ConfigApplierTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "botpbx-apply-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedAsteriskManager _asterisk = new();
    private readonly ApplyOptions _options;
    private readonly ConfigApplier _applier;

    public ConfigApplierTests()
    {
        _options = new ApplyOptions { ConfigDirectory = Path.Combine(_root, "botpbx"), MaxReloadAttempts = 4, ReloadRetryDelay = TimeSpan.Zero };
        _applier = new ConfigApplier(_asterisk, _options, TimeProvider.System);
    }

    public void Dispose()
    {
        _applier.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static RenderedConfiguration Office(Func<Model.PbxConfiguration, Model.PbxConfiguration>? change = null) =>
        ConfigRenderer.Render((change ?? (c => c))(OfficeFixture.Build()), OfficeFixture.Options);

    private string Live(string file) => File.ReadAllText(Path.Combine(_options.ConfigDirectory, file));

    [Fact]
    public async Task First_apply_installs_every_file_and_reloads_every_module_in_plan_order()
    {
        var report = await _applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success);
        Assert.Equal(ConfigRenderer.FileNames, report.ChangedFiles);
        Assert.Equal(ReloadPlan.Modules.Select(m => m.Module), _asterisk.Calls);
        Assert.Equal(Office().Files["pjsip.conf"], Live("pjsip.conf"));
    }

    [Fact]
    public async Task Applying_the_same_configuration_again_changes_and_reloads_nothing()
    {
        await _applier.ApplyAsync(Office(), CancellationToken.None);
        _asterisk.Calls.Clear();
        var report = await _applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success);
        Assert.Empty(report.ChangedFiles);
        Assert.Empty(_asterisk.Calls);
    }

    [Fact]
    public async Task Only_the_modules_of_changed_files_are_reloaded_and_the_previous_files_are_kept()
    {
        await _applier.ApplyAsync(Office(), CancellationToken.None);
        _asterisk.Calls.Clear();
        var report = await _applier.ApplyAsync(Office(c => c with { Queues = [c.Queues[0] with { Weight = 7 }, c.Queues[1]] }), CancellationToken.None);
        Assert.Equal(["queues.conf"], report.ChangedFiles);
        Assert.Equal(["app_queue.so"], _asterisk.Calls);
        Assert.Contains("weight=7", Live("queues.conf"), StringComparison.Ordinal);
        Assert.DoesNotContain("weight=7", File.ReadAllText(Path.Combine(_options.BackupDirectory, "queues.conf")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_in_progress_is_retried_until_it_succeeds()
    {
        _asterisk.Script("res_pjsip.so", () => ModuleReloadOutcome.InProgress, () => ModuleReloadOutcome.InProgress, () => ModuleReloadOutcome.Reloaded);
        var report = await _applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success);
        var pjsip = Assert.Single(report.Modules, m => m.Module == "res_pjsip.so");
        Assert.Equal((ModuleReloadStatus.Reloaded, 3), (pjsip.Status, pjsip.Attempts));
    }

    [Fact]
    public async Task A_module_that_is_not_loaded_does_not_fail_the_apply()
    {
        _asterisk.Script("app_confbridge.so", () => ModuleReloadOutcome.NotLoaded);
        var report = await _applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.True(report.Success);
        Assert.Equal(ModuleReloadStatus.NotLoaded, report.Modules.Single(m => m.Module == "app_confbridge.so").Status);
    }

    [Fact]
    public async Task A_failed_reload_restores_the_previous_files_and_reloads_what_had_read_the_new_ones()
    {
        await _applier.ApplyAsync(Office(), CancellationToken.None);
        var before = Live("pjsip.conf");
        _asterisk.Calls.Clear();
        _asterisk.Script("app_queue.so", () => throw new InvalidOperationException("Asterisk said no"));
        var changed = Office(c => c with
        {
            Extensions = [c.Extensions[0] with { Name = "Alice Renamed" }, .. c.Extensions.Skip(1)],
            Queues = [c.Queues[0] with { Weight = 9 }, c.Queues[1]],
        });

        var report = await _applier.ApplyAsync(changed, CancellationToken.None);

        Assert.False(report.Success);
        Assert.True(report.RolledBack);
        Assert.Contains("app_queue.so", report.Error, StringComparison.Ordinal);
        Assert.Equal(ModuleReloadStatus.Failed, report.Modules.Single(m => m.Module == "app_queue.so").Status);
        Assert.Equal(before, Live("pjsip.conf"));
        Assert.DoesNotContain("weight=9", Live("queues.conf"), StringComparison.Ordinal);
        // res_pjsip and the others read the new files first, then again after the restore.
        Assert.Equal(2, _asterisk.Calls.Count(c => c == "res_pjsip.so"));
    }

    [Fact]
    public async Task Asterisk_busy_with_reloads_beyond_the_retry_budget_fails_and_restores()
    {
        await _applier.ApplyAsync(Office(), CancellationToken.None);
        _asterisk.Script("app_queue.so", Enumerable.Repeat<Func<ModuleReloadOutcome>>(() => ModuleReloadOutcome.InProgress, 10).ToArray());
        var report = await _applier.ApplyAsync(Office(c => c with { Queues = [c.Queues[0] with { Weight = 3 }, c.Queues[1]] }), CancellationToken.None);
        var queue = report.Modules.Single();
        Assert.Equal((ModuleReloadStatus.Busy, _options.MaxReloadAttempts), (queue.Status, queue.Attempts));
        Assert.True(report.RolledBack);
        Assert.DoesNotContain("weight=3", Live("queues.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reloads_see_the_new_files_already_in_place()
    {
        _asterisk.Observe = () => Live("pjsip.conf");
        await _applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.All(_asterisk.Observed, seen => Assert.Equal(Office().Files["pjsip.conf"], seen));
    }

    [Fact]
    public async Task A_directory_that_cannot_be_written_fails_the_apply_without_reloading()
    {
        Directory.CreateDirectory(_root);
        var blocker = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the parent directory should be");
        using var applier = new ConfigApplier(_asterisk, new ApplyOptions { ConfigDirectory = Path.Combine(blocker, "botpbx") }, TimeProvider.System);
        var report = await applier.ApplyAsync(Office(), CancellationToken.None);
        Assert.False(report.Success);
        Assert.StartsWith("could not install the files", report.Error, StringComparison.Ordinal);
        Assert.Empty(_asterisk.Calls);
    }
}

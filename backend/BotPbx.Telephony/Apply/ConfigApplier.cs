using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Apply;

/// <summary>
/// Apply = stage → check → swap the botpbx/ directory (previous kept as a backup) → reload only the modules whose
/// files changed, retrying while Asterisk reports a reload in progress → on failure, restore the previous files
/// and reload them again. One apply at a time.
/// </summary>
/// <remarks>Logging is the caller's: the report carries every outcome, and this project stays free of hosting packages.</remarks>
public sealed class ConfigApplier(IAsteriskManager asterisk, ApplyOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConfigFileInstaller _files = new(options);

    public async Task<ApplyReport> ApplyAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = await _files.ChangedFilesAsync(rendered, cancellationToken).ConfigureAwait(false);
            if (changed.Count == 0) return new ApplyReport { Success = true };

            try
            {
                await _files.SwapInAsync(rendered, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing live changed (staging failed) or the swap's first rename failed: Asterisk keeps its files.
                return new ApplyReport { Success = false, ChangedFiles = changed, Error = "could not install the files: " + e.Message };
            }

            var results = await ReloadAllAsync(ReloadPlan.ModulesFor(changed), cancellationToken).ConfigureAwait(false);
            if (results.All(r => r.Ok)) return new ApplyReport { Success = true, ChangedFiles = changed, Modules = results };

            var failed = results.Where(r => !r.Ok).Select(r => r.Module).ToList();
            _files.RestorePrevious();
            // Modules that did reload have read the new files: reload them again so they read the restored ones.
            await ReloadAllAsync(results.Where(r => r.Status == ModuleReloadStatus.Reloaded).Select(r => r.Module).ToList(), cancellationToken).ConfigureAwait(false);
            return new ApplyReport
            {
                Success = false, ChangedFiles = changed, Modules = results, RolledBack = true,
                Error = "reload failed for " + string.Join(", ", failed) + "; the previous configuration was restored",
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<List<ModuleReloadResult>> ReloadAllAsync(IReadOnlyList<string> modules, CancellationToken cancellationToken)
    {
        var results = new List<ModuleReloadResult>();
        foreach (var module in modules) results.Add(await ReloadAsync(module, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task<ModuleReloadResult> ReloadAsync(string module, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ModuleReloadOutcome outcome;
            try
            {
                outcome = await asterisk.ReloadModuleAsync(module, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new ModuleReloadResult(module, ModuleReloadStatus.Failed, attempt, ex.Message);
            }
            switch (outcome)
            {
                case ModuleReloadOutcome.Reloaded: return new(module, ModuleReloadStatus.Reloaded, attempt);
                case ModuleReloadOutcome.NotLoaded: return new(module, ModuleReloadStatus.NotLoaded, attempt, "module not loaded");
                case ModuleReloadOutcome.NotSupported: return new(module, ModuleReloadStatus.NotSupported, attempt, "module does not support reload");
                case ModuleReloadOutcome.InProgress when attempt >= options.MaxReloadAttempts:
                    return new(module, ModuleReloadStatus.Busy, attempt, "another reload was still in progress");
                default:
                    await Task.Delay(options.ReloadRetryDelay, time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }
}

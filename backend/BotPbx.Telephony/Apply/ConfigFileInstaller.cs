using BotPbx.Telephony.Rendering;

namespace BotPbx.Telephony.Apply;

/// <summary>
/// The file half of an apply, without any reload: stage the generation beside the live botpbx/ directory, read it
/// back, and swap it in by renaming (the previous generation is kept as the backup). <see cref="ConfigApplier"/>
/// reloads after it; the render-only command of the installer uses it alone, before the AMI user exists.
/// </summary>
public sealed class ConfigFileInstaller(ApplyOptions options)
{
    private readonly ConfigDirectorySwap _swap = new(options);

    /// <summary>Files whose bytes differ from (or are missing in) the live directory.</summary>
    public Task<IReadOnlyList<string>> ChangedFilesAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return _swap.ChangedFilesAsync(rendered, cancellationToken);
    }

    /// <summary>Stages, checks and swaps in the whole generation.</summary>
    /// <exception cref="IOException">Staging or the swap failed; the live directory is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">Same as above.</exception>
    public async Task SwapInAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var staging = await _swap.StageAsync(rendered, cancellationToken).ConfigureAwait(false);
        _swap.SwapIn(staging);
    }

    /// <summary>Swaps the generation in when anything changed; an unchanged directory is left untouched.</summary>
    /// <returns>The files that changed (empty: nothing was written).</returns>
    /// <exception cref="IOException">Staging or the swap failed; the live directory is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">Same as above.</exception>
    public async Task<IReadOnlyList<string>> InstallAsync(RenderedConfiguration rendered, CancellationToken cancellationToken)
    {
        var changed = await ChangedFilesAsync(rendered, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0) await SwapInAsync(rendered, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Puts the previous generation back as live.</summary>
    public void RestorePrevious() => _swap.Restore();
}

using System.Runtime.ExceptionServices;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Apply;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>
/// The AMI manager as one apply sees it: after the first sign that Asterisk is unreachable (the connection is lost or
/// an action times out), every later call fails at once with that same error instead of waiting out its own timeout.
/// The applier still restores the previous files and reports each module; the endpoint then answers 503
/// <c>asterisk_unavailable</c> with <see cref="Failure"/>. What Asterisk answered (an <see cref="AmiActionException"/>
/// such as "Unable to reload") is an outcome of the apply, reported per module, and does not trip it.
/// </summary>
internal sealed class FailFastAsteriskManager(IAsteriskManager inner) : IAsteriskManager
{
    private ExceptionDispatchInfo? _failure;

    /// <summary>The first transport failure or timeout seen, or null.</summary>
    public Exception? Failure => _failure?.SourceException;

    public Task<ModuleReloadOutcome> ReloadModuleAsync(string moduleName, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.ReloadModuleAsync(moduleName, cancellationToken));

    public Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.CommandAsync(command, cancellationToken));

    /// <summary>Rethrows <see cref="Failure"/> with its original stack, if there was one.</summary>
    public void ThrowIfFailed() => _failure?.Throw();

    private async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        _failure?.Throw();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmiTimeoutException or AmiException { IsTransient: true })
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }
}

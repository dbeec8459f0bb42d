using System.Collections.Concurrent;

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// Enforces command timeouts for every session of a server with one coarse timer, instead of a timer (or two) per
/// command: at tens of thousands of commands a second, creating and cancelling timers cost more than the command
/// itself (issue 13). A command may therefore run over its timeout by up to one tick (a quarter of the shortest
/// command timeout, at most a second).
/// </summary>
internal sealed class AgiCommandWatchdog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<AgiSession, byte> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AgiCommandWatchdog(FastAgiOptions options)
    {
        var tick = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, options.CommandTimeout.Ticks / 4));
        _loop = RunAsync(tick < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : tick);
    }

    public void Add(AgiSession session) => _sessions.TryAdd(session, 0);

    public void Remove(AgiSession session) => _sessions.TryRemove(session, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan tick)
    {
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var session in _sessions.Keys) session.ExpireOverdue(now);
            }
        }
        catch (OperationCanceledException)
        {
            // The server stopped.
        }
    }
}

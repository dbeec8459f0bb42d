namespace BotPbx.Asterisk.Ami;

/// <summary>
/// The connection's life: connect → log in → serve until the connection dies → back off → again.
/// Reload and FullyBooted are ordinary events and never end a session; only a dead socket, a protocol error
/// or a missed keep-alive does (each through <see cref="AmiConnection.Break"/>).
/// </summary>
public sealed partial class AmiClient
{
    private async Task SuperviseAsync(CancellationToken stop)
    {
        var failures = 0;
        var wasConnected = false;
        while (!stop.IsCancellationRequested)
        {
            Exception? failure;
            AmiConnection? connection = null;
            try
            {
                SetState(AmiConnectionState.Connecting, null);
                connection = await AmiConnection.OpenAsync(_options, _hub.Publish, "botpbx-", stop).ConfigureAwait(false);
                SetState(AmiConnectionState.Authenticating, null, connection.AmiVersion);
                await LoginAsync(connection, stop).ConfigureAwait(false);
                failures = 0;
                Volatile.Write(ref _current, connection);
                SetState(AmiConnectionState.Connected, null, connection.AmiVersion, countReconnect: wasConnected);
                if (wasConnected) _hub.OnReconnected();
                wasConnected = true;
                failure = await ServeAsync(connection, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                failure = null;
            }
#pragma warning disable CA1031 // the supervisor must outlive any failure, expected or not, or the PBX loses AMI for good
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
            }
            finally
            {
                var wasCurrent = Interlocked.CompareExchange(ref _current, null, connection) is not null && connection is not null;
                if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
                // Only now, with the old reader stopped, is nobody else writing to the subscriptions.
                if (wasCurrent) _hub.OnConnectionLost();
            }
            if (failure is null || stop.IsCancellationRequested) break;

            failures++;
            SetState(AmiConnectionState.Reconnecting, failure);
            try
            {
                await Task.Delay(ReconnectDelay(failures, failure), _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs the keep-alive until the connection dies; returns why it died.</summary>
    private async Task<Exception> ServeAsync(AmiConnection connection, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var keepAlive = _options.PingInterval > TimeSpan.Zero ? KeepAliveAsync(connection, session.Token) : Task.CompletedTask;
        try
        {
            return await connection.Closed.WaitAsync(stop).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Dead-connection detection: a half-open TCP connection (Asterisk host gone, no FIN) would otherwise look
    /// alive for hours. A Ping with no answer within ActionTimeout breaks the connection.
    /// </summary>
    private async Task KeepAliveAsync(AmiConnection connection, CancellationToken session)
    {
        try
        {
            while (!session.IsCancellationRequested && !connection.IsBroken)
            {
                await Task.Delay(_options.PingInterval, _time, session).ConfigureAwait(false);
                var ping = new AmiAction("Ping");
                var pending = new ResponsePendingAction(ping.Name, connection.NextActionId());
                try
                {
                    await ExecuteAsync(connection, ping, pending, pending.Result, _options.ActionTimeout, session).ConfigureAwait(false);
                }
                catch (AmiTimeoutException ex)
                {
                    connection.Break(new AmiConnectionException($"AMI keep-alive Ping not answered within {_options.ActionTimeout.TotalSeconds:0.#} s", ex));
                }
            }
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            // The session ended; the supervisor already knows why.
        }
        catch (AmiConnectionException)
        {
            // The connection died under the ping; Closed reports the reason.
        }
    }

    /// <summary>
    /// Doubling back-off from ReconnectDelayMin to ReconnectDelayMax with jitter (50–100 %), so many clients do not
    /// reconnect in step after an Asterisk restart. A refused login waits the maximum at once: retrying faster
    /// cannot help and each failure costs Asterisk a 1 s penalty (fixture ami-login-failure).
    /// </summary>
    private TimeSpan ReconnectDelay(int failures, Exception failure)
    {
        var max = _options.ReconnectDelayMax;
        if (failure is AmiAuthenticationException) return max;
        var exponent = Math.Min(failures - 1, 20);
        var ticks = Math.Min(_options.ReconnectDelayMin.Ticks * (1L << exponent), max.Ticks);
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromTicks(Math.Max(_options.ReconnectDelayMin.Ticks, (long)(ticks * jitter)));
    }

    private async Task LogoffAsync()
    {
        var connection = Volatile.Read(ref _current);
        if (connection is null || connection.IsBroken) return;
        try
        {
            await SendActionAsync(new AmiAction("Logoff"), TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmiException or TimeoutException)
        {
            // Best effort: the socket is closed next anyway.
        }
    }

    private void SetState(AmiConnectionState state, Exception? error, string? amiVersion = null, bool countReconnect = false)
    {
        AmiConnectionStatus status;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var previous = _status;
            status = previous with
            {
                State = state,
                Since = previous.State == state ? previous.Since : now,
                LastError = error ?? previous.LastError,
                LastErrorAt = error is null ? previous.LastErrorAt : now,
                AmiVersion = amiVersion ?? previous.AmiVersion,
                Reconnects = previous.Reconnects + (countReconnect ? 1 : 0),
            };
            if (status == previous) return;
            _status = status;
            if (state == AmiConnectionState.Connected) _connected.TrySetResult();
            else if (_connected.Task.IsCompleted && state != AmiConnectionState.Stopped)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        try
        {
            StatusChanged?.Invoke(this, status);
        }
#pragma warning disable CA1031 // a subscriber's bug must not stop the reconnect loop that raised the event
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

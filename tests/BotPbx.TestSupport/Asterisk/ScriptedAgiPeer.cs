using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>
/// Plays Asterisk towards a FastAGI server over a real loopback socket: connects as <c>AGI(agi://…)</c> does, sends
/// the agi_* block, then answers every command line through the handler given to <see cref="OnCommand(Func{string, string?})"/>.
/// Like Asterisk 22 (AGISIGHUP=yes), when the server closes its side it writes a last <c>HANGUP</c> line and closes.
/// <code>
/// await using var peer = new ScriptedAgiPeer(new() { Script = "ivr/42" })
///     .OnCommand(command => command.StartsWith("GET DATA") ? "200 result=1234" : "200 result=0");
/// await peer.ConnectAsync(server.LocalEndPoint, ct);
/// await peer.Completion.WaitAsync(TimeSpan.FromSeconds(10), ct);   // the server ended the session
/// Assert.Equal("ANSWER", peer.Commands[0]);
/// </code>
/// </summary>
public sealed class ScriptedAgiPeer : IAsyncDisposable
{
    /// <summary>What the peer answers when no handler was given.</summary>
    public const string DefaultReply = "200 result=0";

    private readonly ScriptedAgiPeerCall _call;
    private readonly List<string> _commands = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<string, CancellationToken, Task<string?>> _handler = (_, _) => Task.FromResult<string?>(DefaultReply);
    private Socket? _socket;
    private NetworkStream? _stream;
    private Task _loop = Task.CompletedTask;
    private int _aborted;

    public ScriptedAgiPeer(ScriptedAgiPeerCall? call = null) => _call = call ?? new ScriptedAgiPeerCall();

    /// <summary>Every command line received so far, without its line end, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_lock) return [.. _commands];
        }
    }

    /// <summary>
    /// Completes when the conversation is over: the server closed the connection (the peer answered with its final
    /// HANGUP), the connection failed, or <see cref="Abort"/> was called. Faults when a command handler threw.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Answers each command with the returned text (without the final LF; several lines, e.g. a 520 usage block or a
    /// reply followed by <c>HANGUP</c>, are joined with LF). Null sends nothing. Set this before connecting.
    /// </summary>
    public ScriptedAgiPeer OnCommand(Func<string, string?> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _handler = (command, _) => Task.FromResult(reply(command));
        return this;
    }

    /// <summary>The asynchronous form: the handler may wait, call <see cref="SendHangupAsync"/> or <see cref="Abort"/> first.</summary>
    public ScriptedAgiPeer OnCommand(Func<string, CancellationToken, Task<string?>> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _handler = reply;
        return this;
    }

    /// <summary>Connects and sends the agi_* block of the call given to the constructor.</summary>
    public Task ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var environment = _call.ToEnvironment(server.Address.ToString(), server.Port);
        return ConnectAsync(server, Encoding.UTF8.GetBytes(environment), cancellationToken);
    }

    /// <summary>Connects and sends <paramref name="firstBytes"/> instead of a well-formed environment (recorded or broken input).</summary>
    public async Task ConnectAsync(IPEndPoint server, ReadOnlyMemory<byte> firstBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (_socket is not null) throw new InvalidOperationException("The peer is already connected.");
        _socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        _stream = new NetworkStream(_socket, ownsSocket: false);
        _loop = Task.Run(ConverseAsync, CancellationToken.None);
        try
        {
            if (!firstBytes.IsEmpty) await SendRawAsync(firstBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server refused the connection (closed it at once, e.g. over its session limit) before the
            // environment was written: the conversation is over, which Completion reports.
        }
    }

    /// <summary>The unprompted <c>HANGUP</c> line Asterisk sends when the caller hangs up.</summary>
    public Task SendHangupAsync(CancellationToken cancellationToken) => SendRawAsync("HANGUP\n"u8.ToArray(), cancellationToken);

    /// <summary>Writes bytes as they are, e.g. garbage or an oversized line.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("The peer is not connected.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the connection at once, as a crashed Asterisk would (no final HANGUP).</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) return;
        _stop.Cancel();
        _socket?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        // The loop never throws: a handler's failure is reported through Completion.
        await _loop.ConfigureAwait(false);
        _stream?.Dispose();
        _socket?.Dispose();
        _writeLock.Dispose();
        _stop.Dispose();
    }

    private async Task ConverseAsync()
    {
        try
        {
            using var reader = new StreamReader(_stream!, Encoding.UTF8, false, 4096, leaveOpen: true);
            while (true)
            {
                var command = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false);
                if (command is null)
                {
                    // The server half-closed: Asterisk writes HANGUP (AGISIGHUP) and closes (README FastAGI note 7).
                    await SendRawAsync("HANGUP\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                    break;
                }
                lock (_lock) _commands.Add(command);
                var reply = await _handler(command, _stop.Token).ConfigureAwait(false);
                if (reply is not null) await SendRawAsync(Encoding.UTF8.GetBytes(reply + "\n"), _stop.Token).ConfigureAwait(false);
            }
            _socket!.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The server closed or reset the connection, or the peer was aborted: the conversation is over either way.
        }
        catch (Exception e)
        {
            _completion.TrySetException(new InvalidOperationException("A ScriptedAgiPeer command handler failed.", e));
            _socket?.Dispose();
            return;
        }
        _socket?.Dispose();
        _completion.TrySetResult();
    }
}

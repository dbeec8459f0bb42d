using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

public sealed partial class FakeAmiServer
{
    /// <summary>One accepted connection: banner, then one action per blank-line-terminated block.</summary>
    private sealed class Session(FakeAmiServer server, TcpClient client, int id) : IDisposable
    {
        private readonly NetworkStream _stream = client.GetStream();
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private string? _challenge;
        private volatile bool _loggedIn;
        private volatile bool _eventsOn;

        public bool ReceivesEvents => _loggedIn && _eventsOn;

        public void Run() => _ = Task.Run(RunAsync);

        public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            try
            {
                await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            try
            {
                await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                // The peer is gone; the read loop notices and cleans up.
            }
            finally
            {
                _writeLock.Release();
            }
        }

        /// <summary>Closing the socket also ends the read loop; the write lock is left to the GC so late writers never hit a disposed lock.</summary>
        public void Dispose() => client.Dispose();

        public Task CloseAsync()
        {
            Dispose();
            server._sessions.TryRemove(id, out _);
            return Task.CompletedTask;
        }

        private Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), CancellationToken.None);

        private async Task RunAsync()
        {
            try
            {
                await SendAsync("Asterisk Call Manager/11.0.0\r\n").ConfigureAwait(false);
                using var reader = new StreamReader(_stream, Encoding.UTF8, false, 4096, leaveOpen: true);
                var headers = new List<KeyValuePair<string, string>>();
                while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0)
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers.Add(colon < 0
                            ? new KeyValuePair<string, string>(line, string.Empty)
                            : new KeyValuePair<string, string>(line[..colon], line[(colon + 1)..].TrimStart()));
                        continue;
                    }
                    if (headers.Count == 0) continue;
                    var request = new FakeAmiRequest(headers, id);
                    headers = [];
                    server._requests.Enqueue(request);
                    if (!await HandleAsync(request).ConfigureAwait(false)) break;
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                // Closed by either side.
            }
            finally
            {
                await CloseAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Returns false when the connection must close after this action.</summary>
        private async Task<bool> HandleAsync(FakeAmiRequest request)
        {
            if (request.IsAction("Challenge")) return await ChallengeAsync(request).ConfigureAwait(false);
            if (request.IsAction("Login")) return await LoginAsync(request).ConfigureAwait(false);
            if (request.IsAction("Logoff"))
            {
                await SendAsync(FakeAmiReplies.Response(request, "Goodbye", ("Message", "Thanks for all the fish."))).ConfigureAwait(false);
                return false;
            }
            if (!_loggedIn)
            {
                // Fixture ami-errors: before login, any action is "Permission denied" and the connection stays.
                await SendAsync(FakeAmiReplies.Error(request, "Permission denied")).ConfigureAwait(false);
                return true;
            }
            var replies = server.Handler?.Invoke(request) ?? BuiltIn(request);
            foreach (var reply in replies)
            {
                if (reply == FakeAmiReplies.CloseConnection) return false;
                await SendAsync(reply).ConfigureAwait(false);
            }
            return true;
        }

        private static IEnumerable<string> BuiltIn(FakeAmiRequest request)
        {
            if (request.IsAction("Ping"))
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
                return [FakeAmiReplies.Success(request, ("Ping", "Pong"), ("Timestamp", now.ToString("0.000000", CultureInfo.InvariantCulture)))];
            }
            return [FakeAmiReplies.Error(request, $"Invalid/unknown command: {request.Action}. Use Action: ListCommands to show available commands.")];
        }

        private async Task<bool> ChallengeAsync(FakeAmiRequest request)
        {
            if (!string.Equals(request["AuthType"], "md5", StringComparison.OrdinalIgnoreCase))
            {
                await SendAsync(FakeAmiReplies.Error(request, "Must specify AuthType")).ConfigureAwait(false);
                return true;
            }
            _challenge = RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            await SendAsync(FakeAmiReplies.Success(request, ("Challenge", _challenge))).ConfigureAwait(false);
            return true;
        }

        private async Task<bool> LoginAsync(FakeAmiRequest request)
        {
            var options = server._options;
            var secretOk = string.Equals(request["AuthType"], "md5", StringComparison.OrdinalIgnoreCase)
                ? _challenge is not null && string.Equals(request["Key"], Md5Hex(_challenge + options.Secret), StringComparison.Ordinal)
                : string.Equals(request["Secret"], options.Secret, StringComparison.Ordinal);
            if (!secretOk || !string.Equals(request["Username"], options.Username, StringComparison.Ordinal))
            {
                // Fixture ami-login-failure: a 1 s penalty, the error, then Asterisk closes.
                await Task.Delay(options.FailedLoginDelay).ConfigureAwait(false);
                await SendAsync(FakeAmiReplies.Error(request, "Authentication failed")).ConfigureAwait(false);
                return false;
            }
            _loggedIn = true;
            _eventsOn = !string.Equals(request["Events"], "off", StringComparison.OrdinalIgnoreCase);
            await SendAsync(FakeAmiReplies.Success(request, ("Message", "Authentication accepted"))).ConfigureAwait(false);
            server.RecordLogin();
            if (_eventsOn) await SendFullyBootedAsync().ConfigureAwait(false);
            return true;
        }

        /// <summary>Fixture ami-restart-*: right after a restart FullyBooted comes ~50 ms after the login answer, fields reordered.</summary>
        private async Task SendFullyBootedAsync()
        {
            if (!server.Restarted)
            {
                await SendAsync(FakeAmiReplies.Event("FullyBooted", ("Privilege", "system,all"), ("Uptime", "388"), ("LastReload", "0"), ("Status", "Fully Booted"))).ConfigureAwait(false);
                return;
            }
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
                await SendAsync(FakeAmiReplies.Event("FullyBooted", ("Privilege", "system,all"), ("Status", "Fully Booted"), ("Uptime", "0"), ("LastReload", "0"))).ConfigureAwait(false);
            });
        }

#pragma warning disable CA5351 // AMI's challenge login is MD5 by protocol
        private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
    }
}

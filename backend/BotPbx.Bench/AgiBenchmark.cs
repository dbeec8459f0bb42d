using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Bench;

/// <summary>
/// FastAGI command round trips: a handler sends GET VARIABLE in a loop while an in-process peer answers like Asterisk
/// over loopback. Prints round trips per second and the latency the handler saw, for 1, 100 and 1,000 sessions.
/// </summary>
public sealed class AgiBenchmark : IBenchmark
{
    private static readonly (int Sessions, int CommandsPerSession)[] Scenarios = [(1, 20_000), (100, 400), (1_000, 60)];

    public string Name => "fastagi";

    public string Description => "FastAGI command round trips/s and p50/p99 latency with 1, 100 and 1,000 concurrent sessions";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"{"sessions",8} {"commands",9} {"seconds",8} {"round trips/s",14} {"p50 ms",8} {"p99 ms",8}").ConfigureAwait(false);
        foreach (var (sessions, perSession) in Scenarios)
        {
            var result = await RunScenarioAsync(sessions, perSession, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"{sessions,8} {result.Latencies.Length,9} {result.Elapsed.TotalSeconds,8:0.00} " +
                $"{result.Latencies.Length / result.Elapsed.TotalSeconds,14:0} " +
                $"{Percentile(result.Latencies, 0.50),8:0.000} {Percentile(result.Latencies, 0.99),8:0.000}").ConfigureAwait(false);
        }
    }

    private static async Task<(double[] Latencies, TimeSpan Elapsed)> RunScenarioAsync(int sessions, int perSession, CancellationToken cancellationToken)
    {
        var latencies = new double[sessions * perSession];
        var next = -1;
        var router = new AgiRouter().Map("bench/{id}", async (channel, token) =>
        {
            for (var i = 0; i < perSession; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await channel.GetVariableAsync("BENCH", token).ConfigureAwait(false);
                latencies[Interlocked.Increment(ref next)] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        var server = new FastAgiServer(new FastAgiOptions { Port = 0, MaxConcurrentSessions = sessions + 10 }, router);
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var peers = Enumerable.Range(0, sessions).Select(i => RunPeerAsync(server.LocalEndPoint, i, cancellationToken));
            await Task.WhenAll(peers).ConfigureAwait(false);
            clock.Stop();
            return (latencies[..(next + 1)], clock.Elapsed);
        }
    }

    /// <summary>A minimal Asterisk: the agi_* block, a reply per command line, HANGUP and close when the server closes.</summary>
    private static async Task RunPeerAsync(IPEndPoint server, int id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var environment = $"agi_network: yes\nagi_network_script: bench/{id}\nagi_request: agi://{server}/bench/{id}\n" +
                              $"agi_channel: PJSIP/bench-{id:x8}\nagi_uniqueid: 1795239885.{id}\nagi_version: 22.10.1\n\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(environment), cancellationToken).ConfigureAwait(false);
            var reply = "200 result=1 (benchmark value)\n"u8.ToArray();
            var buffer = new byte[4096];
            var filled = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                int newline;
                while ((newline = Array.IndexOf(buffer, (byte)'\n', 0, filled)) >= 0)
                {
                    await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
                    Buffer.BlockCopy(buffer, newline + 1, buffer, 0, filled - newline - 1);
                    filled -= newline + 1;
                }
            }
            // Asterisk answers the server's close with HANGUP (AGISIGHUP) and closes.
            await stream.WriteAsync("HANGUP\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static double Percentile(double[] values, double fraction)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
    }
}

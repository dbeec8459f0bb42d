using System.Globalization;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Bench;

/// <summary>
/// The kit's FastAGI subject: a <see cref="FastAgiServer"/> with the product's defaults (limit 1000 sessions) whose
/// handler for <c>bench</c> runs the kit's 32-command script with the typed helpers the IVR uses: ANSWER, ten times
/// GET VARIABLE CHANNEL / SET VARIABLE / VERBOSE, HANGUP; returning ends the session (half-close). On SIGTERM prints
/// the calls and commands it finished, for the kit's count check.
/// </summary>
internal static class KitAgiServer
{
    public static async Task<int> RunAsync(KitArguments arguments, CancellationToken stop)
    {
        long calls = 0, commands = 0;
        var router = new AgiRouter().Map("bench", async (channel, token) =>
        {
            await channel.AnswerAsync(token).ConfigureAwait(false);
            for (var i = 1; i <= 10; i++)
            {
                await channel.GetVariableAsync("CHANNEL", token).ConfigureAwait(false);
                await channel.SetVariableAsync("BENCH_VAR", string.Create(CultureInfo.InvariantCulture, $"value {i}"), token).ConfigureAwait(false);
                await channel.VerboseAsync(string.Create(CultureInfo.InvariantCulture, $"bench step {i}"), 1, token).ConfigureAwait(false);
            }
            await channel.HangupAsync(token).ConfigureAwait(false);
            Interlocked.Add(ref commands, 32);
            Interlocked.Increment(ref calls);
        });
        var refused = 0;
        var options = new FastAgiOptions
        {
            Port = arguments.Int("port", 14573),
            Log = entry =>
            {
                if (entry.Message.Contains("refusing", StringComparison.Ordinal)) Interlocked.Increment(ref refused);
                else if (entry.Level >= FastAgiLogLevel.Warning) Console.Error.WriteLine($"{entry.Level}: {entry.Message} {entry.Exception?.Message}");
            },
        };
        var server = new FastAgiServer(options, router);
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(stop).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM: report below.
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT server=botpbx calls={Interlocked.Read(ref calls)} commands={Interlocked.Read(ref commands)} refused={refused}"));
        return 0;
    }
}

using System.Globalization;
using BotPbx.Asterisk.AudioSocket;

namespace BotPbx.Bench;

/// <summary>
/// The kit's AudioSocket subject: an <see cref="AudioSocketServer"/> with the product's defaults whose handler echoes
/// every audio frame it reads from <see cref="IAudioSocketSession.Incoming"/> through
/// <see cref="IAudioSocketSession.SendAudioAsync"/>, so every echoed frame goes through the session's send clock like
/// an AI agent's speech does. On SIGTERM prints the frames it sent, for the kit's count check.
/// </summary>
internal static class KitAudioSocketEcho
{
    public static async Task<int> RunAsync(KitArguments arguments, CancellationToken stop)
    {
        long echoed = 0;
        var options = new AudioSocketOptions
        {
            Port = arguments.Int("port", 19092),
            AudioFrameSent = (_, _) => Interlocked.Increment(ref echoed),
            Log = entry =>
            {
                if (entry.Level >= AudioSocketLogLevel.Warning) Console.Error.WriteLine($"{entry.Level}: {entry.Message} {entry.Exception?.Message}");
            },
        };
        var server = new AudioSocketServer(options, new AudioSocketSessionRegistry(), async (session, token) =>
        {
            await foreach (var frame in session.Incoming.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (frame.IsAudio) await session.SendAudioAsync(frame.Payload, token).ConfigureAwait(false);
            }
            // Asterisk closed: what is still queued would go nowhere.
        });
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT server=botpbx echoed_frames={Interlocked.Read(ref echoed)}"));
        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using BotPbx.Asterisk.Ami;

namespace BotPbx.Bench;

/// <summary>
/// The kit's AMI subject: an <see cref="AmiClient"/> with the product's options logs in and one subscriber counts
/// events, as the product's consumers read them. Prints the count, the rate from the first event to the Nth, and
/// what the client reports lost (always 0 unless a loss was signalled).
/// </summary>
internal static class KitAmiClient
{
    private static async Task<bool> WaitAsync(System.Threading.Channels.ChannelReader<AmiEvent> reader, CancellationTokenSource idle)
    {
        idle.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static async Task<int> RunAsync(KitArguments arguments, CancellationToken stop)
    {
        var port = arguments.Int("port", 15038);
        var wanted = arguments.Int("events", 1_000_000);
        var options = new AmiOptions { Host = "127.0.0.1", Port = port, Username = "bench", Secret = "bench" };
        var client = new AmiClient(options);
        await using (client.ConfigureAwait(false))
        {
            using var subscription = client.Subscribe();
            await client.ConnectAsync(stop).ConfigureAwait(false);
            long events = 0, markers = 0, firstAt = 0;
            // The usual ChannelReader loop: wait once, then take everything queued without awaiting per event.
            var reader = subscription.Reader;
            // A client that lost events never reaches the count: give up after 3 s without any, and say so.
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
            while (events < wanted && await WaitAsync(reader, idle).ConfigureAwait(false))
            {
                while (events < wanted && reader.TryRead(out var amiEvent))
                {
                    if (amiEvent.Is(EventsLostEvent.EventName))
                    {
                        markers++;
                        continue;
                    }
                    if (events++ == 0) firstAt = Stopwatch.GetTimestamp();
                }
            }
            var seconds = Stopwatch.GetElapsedTime(firstAt).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT client=botpbx events={events} elapsed_s={seconds:0.000} events_per_s={events / seconds:0} lost={subscription.LostCount} loss_markers={markers}"));
            return events == wanted ? 0 : 1;
        }
    }
}

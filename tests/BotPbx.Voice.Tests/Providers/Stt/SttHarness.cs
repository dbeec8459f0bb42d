using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Tests.Providers.Stt;

internal static class SttHarness
{
    /// <summary>Results until the first final one (or the end of the stream).</summary>
    public static async Task<List<SttResult>> UntilFinal(ISttSession session, TimeSpan? limit = null)
    {
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(20));
        var seen = new List<SttResult>();
        await foreach (var result in session.ResultsAsync(cts.Token))
        {
            seen.Add(result);
            if (result.IsFinal) break;
        }
        return seen;
    }

    /// <summary>Reads results in the background until the first final one.</summary>
    public static Collected Collect(ISttSession session) => new(session);

    internal sealed class Collected
    {
        private readonly List<SttResult> _seen = [];

        public Collected(ISttSession session) => Final = ReadAsync(session);

        public Task<SttResult> Final { get; }

        public IReadOnlyList<SttResult> Seen
        {
            get
            {
                lock (_seen) return [.. _seen];
            }
        }

        public bool Contains(string text) => Seen.Any(r => r.Text == text);

        private async Task<SttResult> ReadAsync(ISttSession session)
        {
            await Task.Yield();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (var result in session.ResultsAsync(cts.Token))
            {
                lock (_seen) _seen.Add(result);
                if (result.IsFinal) return result;
            }
            throw new InvalidOperationException("The results ended without a final one.");
        }
    }

    /// <summary>20 ms frames of a tone at <paramref name="rate"/>, as the pipeline sends them.</summary>
    public static IEnumerable<byte[]> Frames(int rate, int count)
    {
        var audio = Audio.Pcm.Tone(300, rate, count * 0.02);
        var frame = rate / 50 * 2;
        for (var i = 0; i < count; i++) yield return audio[(i * frame)..((i + 1) * frame)];
    }
}

using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ami;

/// <summary>
/// A <see cref="FakeAmiServer"/> handler that answers like the recording did: a live request is matched to the
/// next unused recorded action with the same headers (ActionID aside), and Asterisk's recorded answers to that action
/// (response, list items, Complete, OriginateResponse) are sent back with the live ActionID.
/// </summary>
internal static class AmiFixtureReplay
{
    public static Func<FakeAmiRequest, IEnumerable<string>?> Handler(params AmiFixture[] fixtures)
    {
        var recorded = fixtures
            .SelectMany(f => f.ToAsterisk.Select(raw => (Fixture: f, Headers: ParseHeaders(raw))))
            .Where(r => r.Headers.Count > 0)
            .ToList();
        var gate = new Lock();
        return request =>
        {
            lock (gate)
            {
                var index = recorded.FindIndex(r => SameAction(r.Headers, request));
                if (index < 0) return null;
                var (fixture, headers) = recorded[index];
                recorded.RemoveAt(index);
                var recordedId = headers.First(h => h.Key.Equals("ActionID", StringComparison.OrdinalIgnoreCase)).Value;
                return fixture.RepliesFor(recordedId, request.ActionId ?? string.Empty).ToList();
            }
        };
    }

    private static bool SameAction(List<KeyValuePair<string, string>> recorded, FakeAmiRequest live)
    {
        static IEnumerable<string> Normalize(IEnumerable<KeyValuePair<string, string>> headers) => headers
            .Where(h => !h.Key.Equals("ActionID", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Key.ToUpperInvariant()}={(h.Key.Equals("Action", StringComparison.OrdinalIgnoreCase) ? h.Value.ToUpperInvariant() : h.Value)}")
            .Order(StringComparer.Ordinal);
        return Normalize(recorded).SequenceEqual(Normalize(live.Headers));
    }

    private static List<KeyValuePair<string, string>> ParseHeaders(string raw) => raw
        .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(':', 2))
        .Where(parts => parts.Length == 2)
        .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].TrimStart()))
        .ToList();
}

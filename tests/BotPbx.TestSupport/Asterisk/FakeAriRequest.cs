using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>A request the client sent to the fake ARI peer, as it came over the socket.</summary>
public sealed class FakeAriRequest
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent, e.g. <c>/ari/channels/x/variable?variable=CALLERID%28num%29</c>.</summary>
    public required string Target { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public byte[] Body { get; init; } = [];

    /// <summary>The raw head (request line and headers) as sent.</summary>
    public string Head { get; init; } = "";

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The path, percent-decoded: <c>/ari/channels/a;2</c>.</summary>
    public string Path => Uri.UnescapeDataString(RawPath);

    /// <summary>The path as sent, still escaped.</summary>
    public string RawPath => Target.Split('?', 2)[0];

    /// <summary>Decoded query parameters in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => ParseQuery(Target);

    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    public bool IsWebSocketUpgrade =>
        Headers.TryGetValue("Upgrade", out var upgrade) && upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase);

    public string? QueryValue(string name) =>
        Query.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>Method + decoded path + decoded query sorted by name: two targets that mean the same thing to
    /// Asterisk (which decodes both) compare equal whatever their escaping or parameter order.</summary>
    public static string Normalize(string method, string target)
    {
        var path = Uri.UnescapeDataString(target.Split('?', 2)[0]);
        var query = ParseQuery(target).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return method + " " + path + "?" + string.Join("&", query);
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string target)
    {
        var parts = target.Split('?', 2);
        if (parts.Length < 2 || parts[1].Length == 0)
            return [];
        return parts[1].Split('&').Select(pair =>
        {
            var kv = pair.Split('=', 2);
            return KeyValuePair.Create(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "");
        }).ToList();
    }

    public override string ToString() => Method + " " + Target;
}

namespace BotPbx.Asterisk.Agi;

/// <summary>
/// The <c>agi_*</c> environment Asterisk sends first on every FastAGI connection, with the request split into its parts:
/// <c>agi_network_script</c> is the URL path without the leading '/', and any query string stays in it
/// (<c>ivr/flow?id=42&amp;lang=en</c>, fixture fastagi-sip-6012-query-string); <c>AGI(url,arg1,arg two)</c> arrives as
/// <c>agi_arg_1</c>, <c>agi_arg_2</c> (fixture fastagi-sip-6011-path-and-args).
/// </summary>
public sealed class AgiRequest
{
    /// <summary>What Asterisk writes for an absent caller ID, DNID or RDNIS.</summary>
    public const string UnknownValue = "unknown";

    public AgiRequest(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        Script = Get("agi_network_script") ?? "";
        var question = Script.IndexOf('?', StringComparison.Ordinal);
        Path = (question < 0 ? Script : Script[..question]).Trim('/');
        Query = question < 0 ? new Dictionary<string, string>() : ParseQuery(Script[(question + 1)..]);
        Arguments = ReadArguments(environment);
    }

    /// <summary>Every <c>agi_*</c> line as sent, keyed by its full name (<c>agi_channel</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary><c>agi_network_script</c> as sent, query string included.</summary>
    public string Script { get; }

    /// <summary>The script without its query string and surrounding slashes: <c>ivr/flow</c>. Routes match this.</summary>
    public string Path { get; }

    /// <summary>The query string of the script, decoded (<c>id=42&amp;lang=en</c>); the first of repeated keys wins.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary><c>agi_arg_1</c>…<c>agi_arg_N</c> in order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public string Channel => Get("agi_channel") ?? "";

    public string UniqueId => Get("agi_uniqueid") ?? "";

    public string Language => Get("agi_language") ?? "";

    public string Context => Get("agi_context") ?? "";

    public string Extension => Get("agi_extension") ?? "";

    public string Priority => Get("agi_priority") ?? "";

    public string AsteriskVersion => Get("agi_version") ?? "";

    /// <summary>The caller's number, or null when Asterisk reports <c>unknown</c> (fixture fastagi-local-channel-env).</summary>
    public string? CallerIdNumber => Known("agi_callerid");

    public string? CallerIdName => Known("agi_calleridname");

    public string? Dnid => Known("agi_dnid");

    public string? Rdnis => Known("agi_rdnis");

    public string? AccountCode => Get("agi_accountcode") is { Length: > 0 } code ? code : null;

    public string? Get(string key) => Environment.TryGetValue(key, out var value) ? value : null;

    private string? Known(string key) =>
        Get(key) is { Length: > 0 } value && !string.Equals(value, UnknownValue, StringComparison.Ordinal) ? value : null;

    private static List<string> ReadArguments(IReadOnlyDictionary<string, string> environment)
    {
        var arguments = new List<string>();
        while (environment.TryGetValue($"agi_arg_{arguments.Count + 1}", out var value)) arguments.Add(value);
        return arguments;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Unescape(pair[(equals + 1)..]);
            values.TryAdd(key, value);
        }
        return values;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

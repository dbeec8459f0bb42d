namespace BotPbx.Ivr.Runtime;

/// <summary>
/// The variables of one call: CALLERID, CALLERID_NAME, DNID, DID, EXTENSION, UNIQUEID, CHANNEL and IVR_ID from the start,
/// then digits, HTTP results and whatever setVariable nodes assign. Names are case-sensitive, like Asterisk's.
/// </summary>
public sealed class IvrVariables
{
    /// <summary>A single value is capped so that an HTTP response or a template cannot grow a call's memory without bound.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>At most this many variables per call, for the same reason.</summary>
    public const int MaxCount = 256;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static IvrVariables ForCall(IvrCallInfo call, string ivrId)
    {
        ArgumentNullException.ThrowIfNull(call);
        var variables = new IvrVariables();
        variables.Set("CALLERID", call.CallerNumber);
        variables.Set("CALLERID_NAME", call.CallerName);
        variables.Set("DNID", call.Dnid);
        variables.Set("DID", call.Dnid.Length > 0 ? call.Dnid : call.Extension);
        variables.Set("EXTENSION", call.Extension);
        variables.Set("UNIQUEID", call.CallId);
        variables.Set("CHANNEL", call.Channel);
        variables.Set("IVR_ID", ivrId);
        return variables;
    }

    public string Get(string name) => _values.TryGetValue(name, out var value) ? value : string.Empty;

    public bool TryGet(string name, out string value) => _values.TryGetValue(name, out value!);

    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.ContainsKey(name) && _values.Count >= MaxCount)
        {
            throw new InvalidOperationException($"A call may hold at most {MaxCount} variables.");
        }
        _values[name] = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
    }

    public IReadOnlyDictionary<string, string> Snapshot() => new Dictionary<string, string>(_values, StringComparer.Ordinal);
}

namespace BotPbx.TestSupport.Asterisk;

/// <summary>One action as the fake AMI peer received it: ordered headers, looked up case-insensitively like Asterisk does.</summary>
public sealed class FakeAmiRequest
{
    public FakeAmiRequest(IReadOnlyList<KeyValuePair<string, string>> headers, int sessionId)
    {
        Headers = headers;
        SessionId = sessionId;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Which TCP connection it came on (1 = the first accepted).</summary>
    public int SessionId { get; }

    public string Action => this["Action"] ?? string.Empty;

    public string? ActionId => this["ActionID"];

    public string? this[string key] =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } h ? h.Value : null;

    public IEnumerable<string> GetAll(string key) =>
        Headers.Where(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public bool IsAction(string action) => string.Equals(Action, action, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"Action: {Action} (ActionID {ActionId})";
}

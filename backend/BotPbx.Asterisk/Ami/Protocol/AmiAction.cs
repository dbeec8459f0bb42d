using System.Buffers;
using System.Text;

namespace BotPbx.Asterisk.Ami;

/// <summary>
/// An action to send: the name plus ordered <c>Key: Value</c> lines. The client adds the ActionID.
/// Every key and value is checked when added: CR or LF would let a value start a new header or a new action
/// (AMI header injection), so they are rejected with <see cref="ArgumentException"/>; keys must also be non-empty
/// and free of ':'. Repeated keys are allowed (Originate takes several <c>Variable:</c> lines).
/// </summary>
public sealed class AmiAction
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public AmiAction(string name)
    {
        ValidateKey(name, nameof(name));
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Adds a line; a null value adds nothing, so optional parameters read naturally.</summary>
    public AmiAction Add(string key, string? value)
    {
        ValidateKey(key, nameof(key));
        if (key.Equals("ActionID", StringComparison.OrdinalIgnoreCase) || key.Equals("Action", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{key}' is set by the client, not by the action", nameof(key));
        }
        if (value is null) return this;
        ValidateValue(value, key);
        _fields.Add(new KeyValuePair<string, string>(key, value));
        return this;
    }

    public AmiAction Add(string key, int? value) =>
        value is null ? this : Add(key, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public AmiAction Add(string key, bool? value) => value is null ? this : Add(key, value.Value ? "true" : "false");

    /// <summary>Writes <c>Action:</c>, the lines, <c>ActionID:</c> and the empty line that ends the action.</summary>
    public void WriteTo(IBufferWriter<byte> writer, string actionId)
    {
        ValidateValue(actionId, "ActionID");
        WriteLine(writer, "Action", Name);
        foreach (var field in _fields) WriteLine(writer, field.Key, field.Value);
        WriteLine(writer, "ActionID", actionId);
        writer.Write("\r\n"u8);
    }

    public override string ToString() => $"Action: {Name} ({_fields.Count} fields)";

    private static void WriteLine(IBufferWriter<byte> writer, string key, string value)
    {
        var length = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 4;
        var span = writer.GetSpan(length);
        var written = Encoding.UTF8.GetBytes(key, span);
        span[written++] = (byte)':';
        span[written++] = (byte)' ';
        written += Encoding.UTF8.GetBytes(value, span[written..]);
        span[written++] = (byte)'\r';
        span[written++] = (byte)'\n';
        writer.Advance(written);
    }

    private static void ValidateKey(string key, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key, parameterName);
        if (key.AsSpan().IndexOfAny(":\r\n ") >= 0)
        {
            throw new ArgumentException($"AMI key '{key.ReplaceLineEndings(" ")}' must not contain ':', spaces or line breaks", parameterName);
        }
    }

    private static void ValidateValue(string value, string key)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"AMI value for '{key}' contains CR or LF (header injection)", key);
        }
    }
}

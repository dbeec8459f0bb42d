using System.Globalization;
using System.Text.Json;

namespace BotPbx.Ivr.Http;

/// <summary>Reads <c>customer.name</c> or <c>items[0].id</c> from a JSON document (the path form the schema allows).</summary>
public static class JsonFieldPath
{
    public static bool TryRead(JsonElement root, string path, out string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = string.Empty;
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return false;
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                var index = int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return false;
                current = current[index];
                bracket = part.IndexOf('[', close);
            }
        }
        value = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString()!,
            JsonValueKind.Null => string.Empty,
            _ => current.GetRawText(),
        };
        return true;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotPbx.Asterisk.Ari;

/// <summary>ARI timestamps look like <c>2026-11-21T05:45:51.804+0000</c>: ISO 8601 except that the offset has no
/// colon, which System.Text.Json's built-in DateTimeOffset reader rejects. This reads both forms.</summary>
internal sealed class AriTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string WriteFormat = "yyyy-MM-dd'T'HH:mm:ss.fff";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && TryParse(text, out var value))
            return value;
        throw new JsonException($"'{text}' is not an ARI timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var text = value.ToString(WriteFormat, CultureInfo.InvariantCulture)
            + sign + Math.Abs(offset.Hours).ToString("00", CultureInfo.InvariantCulture)
            + Math.Abs(offset.Minutes).ToString("00", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text);
    }

    internal static bool TryParse(string text, out DateTimeOffset value)
    {
        // "+0000" → "+00:00" so the invariant ISO parser accepts it.
        if (text.Length > 5 && text[^5] is '+' or '-' && char.IsAsciiDigit(text[^4]) && char.IsAsciiDigit(text[^1]))
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}

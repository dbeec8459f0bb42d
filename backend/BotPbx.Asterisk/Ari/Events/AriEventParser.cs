using System.Text;
using System.Text.Json;

namespace BotPbx.Asterisk.Ari;

/// <summary>Decodes one websocket text message into an <see cref="AriEvent"/>. Pure: bytes in, event out.
/// The <c>type</c> member is looked up wherever it is in the object: Asterisk does not put it first
/// (ChannelVarset starts with "variable", ChannelHangupRequest with "cause").</summary>
public static class AriEventParser
{
    /// <exception cref="AriProtocolException">The message is not a JSON object with a string <c>type</c>.</exception>
    public static AriEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        var type = FindType(utf8Json);
        var typeInfo = AriEventTypes.Find(type);
        if (typeInfo is null)
            return Unknown(utf8Json, type, null);
        try
        {
            return (AriEvent)(JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new JsonException("null event"));
        }
        catch (JsonException e)
        {
            // A known type whose fields do not match (a newer Asterisk changed one): keep the event, raw, rather
            // than dropping the connection over it forever.
            return Unknown(utf8Json, type, e.Message);
        }
    }

    private static AriUnknownEvent Unknown(ReadOnlySpan<byte> utf8Json, string type, string? decodeError)
    {
        AriEvent? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(utf8Json, AriJsonContext.Default.AriEnvelope);
        }
        catch (JsonException e)
        {
            // Even the common members are unreadable (say, a timestamp in another format): keep type and text.
            envelope = null;
            decodeError ??= e.Message;
        }
        return new AriUnknownEvent
        {
            Type = type,
            Timestamp = envelope?.Timestamp,
            Application = envelope?.Application ?? "",
            AsteriskId = envelope?.AsteriskId,
            RawJson = Encoding.UTF8.GetString(utf8Json),
            DecodeError = decodeError,
        };
    }

    /// <summary>Scans the top-level members only, skipping nested values, so a nested "type" never matches.</summary>
    private static string FindType(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new AriProtocolException("ARI event is not a JSON object.");
            string? type = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                    type = reader.GetString();
                else
                    reader.Skip();
            }
            // Finish reading so trailing garbage after the object is rejected too.
            while (reader.Read()) { }
            return string.IsNullOrEmpty(type)
                ? throw new AriProtocolException("ARI event has no \"type\".")
                : type;
        }
        catch (JsonException e)
        {
            throw new AriProtocolException("ARI event is not valid JSON: " + e.Message, e);
        }
    }
}

using System.Text.Json;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>How objects are stored in <c>data</c>: the API's own JSON shape (camelCase, enum names as in the API).</summary>
public static class PbxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("stored PBX object is null");
}

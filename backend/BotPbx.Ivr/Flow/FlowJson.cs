using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotPbx.Ivr.Flow;

/// <summary>The one set of serializer options for flow JSON: camelCase, enums as strings, strict about unknown members.</summary>
public static class FlowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Turns a flow document that already passed the schema into the model.</summary>
    public static IvrFlow ToFlow(JsonElement document) =>
        document.Deserialize<IvrFlow>(Options) ?? throw new JsonException("The flow document is null.");

    public static JsonElement ToElement(IvrFlow flow) => JsonSerializer.SerializeToElement(flow, Options);

    public static string Serialize(IvrFlow flow) => JsonSerializer.Serialize(flow, Options);
}

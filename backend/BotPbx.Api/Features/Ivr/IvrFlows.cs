using System.Text.Json;
using BotPbx.Api.Problems;
using BotPbx.Ivr.Validation;

namespace BotPbx.Api.Features.Ivr;

/// <summary>Flow documents as the API receives and stores them (JSON text).</summary>
internal static class IvrFlows
{
    /// <summary>A new IVR's draft: just the start node, as the builder would create it.</summary>
    public const string Empty = """{"schemaVersion":1,"nodes":[{"id":"start","type":"start","position":{"x":0,"y":0},"data":{}}],"edges":[]}""";

    /// <summary>The request's flow as JSON text, or null with a field error when it is missing, not an object, or too large.</summary>
    public static string? Read(FieldErrors errors, JsonElement? flow, int maxBytes)
    {
        if (flow is not { ValueKind: JsonValueKind.Object } element)
        {
            errors.Add("flow", "must be a flow object { schemaVersion, nodes, edges }");
            return null;
        }
        var text = element.GetRawText();
        return errors.Check(System.Text.Encoding.UTF8.GetByteCount(text) <= maxBytes, "flow", $"must be at most {maxBytes} bytes of JSON") ? text : null;
    }

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static async Task<FlowValidationResult> ValidateAsync(FlowValidator validator, string json, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(json);
        return await validator.ValidateAsync(document.RootElement, cancellationToken);
    }
}

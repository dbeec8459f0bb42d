using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Api.Problems;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>
/// Turns the JSON body of a PBX create or update into the request type, the same way for every object kind:
/// <list type="bullet">
/// <item>Aliases: another name for a field, for clients written from the product manual (seed 003 creates an
/// extension with <c>extension</c> where the API says <c>number</c>). Sending both with different values is a 422.</item>
/// <item>Update = change only what is sent: each top-level field of the body replaces the stored field whole
/// (<c>voicemail</c>, <c>destination</c>, <c>members</c> are replaced as a unit, not merged inside); a field left out
/// keeps its stored value. So the UI's full-object PUT and the manual's <c>{"name": "John D. Smith"}</c> both work.
/// The project has no PATCH endpoints; PUT is the one way to change an object.</item>
/// </list>
/// Field names match case-insensitively, as ASP.NET's JSON binding does.
/// </summary>
public static class PbxRequestBody
{
    /// <summary>
    /// The request's JSON object. Read here rather than bound as a handler parameter, so that the OpenAPI document
    /// shows the request type given with <c>Accepts</c> instead of a bare JSON object.
    /// </summary>
    /// <exception cref="BadHttpRequestException">Not JSON (415), or not a JSON object (400).</exception>
    /// <exception cref="JsonException">Malformed JSON (answered 400).</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the request body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        if (node is not JsonObject body) throw new BadHttpRequestException("The request body must be a JSON object.");
        try
        {
            // A JsonObject reads its properties lazily; a duplicate name would otherwise surface later as a 500.
            _ = body.Count;
        }
        catch (ArgumentException e)
        {
            throw new BadHttpRequestException("The request body names a field twice.", e);
        }
        return body;
    }

    /// <summary>The body of a create, with aliases applied.</summary>
    /// <exception cref="ValidationFailedException">An alias and its field disagree.</exception>
    /// <exception cref="JsonException">A field has the wrong type (answered 400 with its path).</exception>
    public static TRequest Read<TRequest>(JsonObject body, IReadOnlyDictionary<string, string> aliases)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Deserialize<TRequest>(ApplyAliases(body, aliases));
    }

    /// <summary>The body of an update: the stored object's fields, replaced by those the body sends.</summary>
    public static TRequest Merge<TRequest, TModel>(JsonObject body, IReadOnlyDictionary<string, string> aliases, TModel stored)
    {
        ArgumentNullException.ThrowIfNull(body);
        var merged = JsonSerializer.SerializeToNode(stored, PbxJson.Options) as JsonObject
            ?? throw new InvalidOperationException("a stored PBX object did not serialize to a JSON object");
        foreach (var (name, value) in ApplyAliases(body, aliases))
        {
            foreach (var same in merged.Select(p => p.Key).Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList())
                merged.Remove(same);
            merged[name] = value?.DeepClone();
        }
        return Deserialize<TRequest>(merged);
    }

    private static JsonObject ApplyAliases(JsonObject body, IReadOnlyDictionary<string, string> aliases)
    {
        if (aliases.Count == 0) return body;
        var result = new JsonObject();
        // field → the alias it was sent as, so a clash is reported on the alias whatever the order in the body.
        var sentAs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var errors = new FieldErrors();
        foreach (var (name, value) in body)
        {
            var alias = aliases.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase));
            var field = alias.Value ?? name;
            var existing = result.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase));
            if (existing.Key is null)
            {
                result[field] = value?.DeepClone();
                if (alias.Value is not null) sentAs[field] = alias.Key;
            }
            else if (!JsonNode.DeepEquals(existing.Value, value))
            {
                var aliasName = alias.Value is not null ? alias.Key : sentAs.GetValueOrDefault(field, name);
                errors.Add(aliasName, $"is another name for {field}; send one of them, or the same value in both");
            }
        }
        errors.ThrowIfAny();
        return result;
    }

    private static TRequest Deserialize<TRequest>(JsonObject body) =>
        body.Deserialize<TRequest>(PbxJson.Options) ?? throw new JsonException("The request body must be a JSON object.");
}

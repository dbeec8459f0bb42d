using System.Text.Json;
using System.Text.Json.Nodes;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Telephony.Tests.Validation;

/// <summary>
/// Every text field of every object (found by walking the object's JSON, so a new field is covered automatically)
/// refuses values that would inject config or dialplan syntax, and the error is reported on that exact field.
/// </summary>
public class InjectionTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly string[] Hostile =
    [
        "\n[evil]", "\r", "x;comment", "[section]", "]", "a,b", "x)", "${SHELL(rm -rf /)}", "Zoë", "١٢٣٤", "1234\n",
        new string('1', 300),
    ];

    private static readonly PbxConfiguration Office = OfficeFixture.Build();
    private static readonly PbxReferences Refs = new(Office);

    public static TheoryData<string> Objects() => new(Samples().Keys);

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_text_field_rejects_every_hostile_value_with_a_field_error(string objectName)
    {
        var (type, sample, validate) = Samples()[objectName];
        Assert.True(Validate(sample, validate).IsValid, $"sample {objectName} must be valid: {Validate(sample, validate)}");
        var root = JsonSerializer.SerializeToNode(sample, type, Json)!;
        var fields = StringLeaves(root, "").Where(p => !IsEnum(root, p, type)).ToList();
        Assert.NotEmpty(fields);
        var failures = new List<string>();
        foreach (var path in fields)
        {
            foreach (var hostile in Hostile)
            {
                foreach (var value in new[] { hostile, Original(root, path) + hostile })
                {
                    var mutated = root.DeepClone();
                    Set(mutated, path, value);
                    var candidate = mutated.Deserialize(type, Json)!;
                    var errors = Validate(candidate, validate);
                    if (!errors.Fields.Contains(path))
                        failures.Add($"{objectName}.{path} accepted {JsonSerializer.Serialize(value)} (errors: {errors})");
                }
            }
        }
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_text_field_rejects_json_null_so_the_renderer_never_meets_one(string objectName)
    {
        var (type, sample, validate) = Samples()[objectName];
        var root = JsonSerializer.SerializeToNode(sample, type, Json)!;
        var failures = new List<string>();
        foreach (var path in StringLeaves(root, "").Where(p => !IsEnum(root, p, type)))
        {
            var mutated = root.DeepClone();
            SetNull(mutated, path);
            var errors = Validate(mutated.Deserialize(type, Json)!, validate);
            if (!errors.Fields.Contains(path)) failures.Add($"{objectName}.{path} accepted null");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void The_field_walk_finds_nested_text_fields_and_skips_enums()
    {
        var root = JsonSerializer.SerializeToNode(Office.Extensions[0], Json)!;
        var fields = StringLeaves(root, "").Where(p => !IsEnum(root, p, typeof(Extension))).ToList();
        Assert.Contains("name", fields);
        Assert.Contains("secret", fields);
        Assert.Contains("voicemail.pin", fields);
        Assert.Contains("forwarding.noAnswer", fields);
        Assert.Contains("followMe[1].number", fields);
        Assert.DoesNotContain("recording", fields);
    }

    private static Dictionary<string, (Type Type, object Sample, Action<object, ValidationErrors> Validate)> Samples() => new()
    {
        ["extension-followme"] = Of(Office.Extensions[0], (e, err) => ExtensionValidator.Validate(e, err, Refs)),
        ["extension-forwarding"] = Of(Office.Extensions[2], (e, err) => ExtensionValidator.Validate(e, err, Refs)),
        ["trunk"] = Of(Office.Trunks[1], TrunkValidator.Validate),
        ["inboundRoute"] = Of(Office.InboundRoutes[2], (r, err) => InboundRouteValidator.Validate(r, err, Refs)),
        ["inboundRoute-ivr"] = Of(Office.InboundRoutes[0] with { Destination = new Destination(DestinationType.Ivr, "12") }, (r, err) => InboundRouteValidator.Validate(r, err, Refs)),
        ["inboundRoute-external"] = Of(Office.InboundRoutes[0] with { Destination = new Destination(DestinationType.External, "+12125550111") }, (r, err) => InboundRouteValidator.Validate(r, err, Refs)),
        ["outboundRoute"] = Of(Office.OutboundRoutes[0] with { CallerIdOverride = "+12125550100" }, (r, err) => OutboundRouteValidator.Validate(r, err, Refs)),
        ["queue"] = Of(Office.Queues[0], (q, err) => CallQueueValidator.Validate(q, err, Refs)),
        ["ringGroup"] = Of(Office.RingGroups[0], (g, err) => RingGroupValidator.Validate(g, err, Refs)),
        ["timeCondition"] = Of(Office.TimeConditions[0], (t, err) => TimeConditionValidator.Validate(t, err, Refs)),
        ["mohClass"] = Of(Office.MohClasses[0], MohClassValidator.Validate),
        ["conference"] = Of(Office.Conferences[0], (c, err) => ConferenceValidator.Validate(c, err, Refs)),
        ["featureCodes"] = Of(Office.FeatureCodes, FeatureCodesValidator.Validate),
        ["sipSettings"] = Of(Office.Sip, SipSettingsValidator.Validate),
        ["renderOptions"] = Of(OfficeFixture.Options, RenderOptionsValidator.Validate),
    };

    private static (Type, object, Action<object, ValidationErrors>) Of<T>(T sample, Action<T, ValidationErrors> validate) where T : class =>
        (typeof(T), sample, (o, e) => validate((T)o, e));

    private static ValidationErrors Validate(object value, Action<object, ValidationErrors> validate)
    {
        var errors = new ValidationErrors();
        validate(value, errors);
        return errors;
    }

    /// <summary>Paths like <c>followMe[0].number</c> of every string value, matching the validators' field keys.</summary>
    private static IEnumerable<string> StringLeaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    foreach (var leaf in StringLeaves(child, path.Length == 0 ? key : path + "." + key)) yield return leaf;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var leaf in StringLeaves(array[i], path + "[" + i + "]")) yield return leaf;
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return path;
                break;
        }
    }

    /// <summary>Enum fields are strings in JSON too, but an unknown name fails to deserialize: not a free-text field.</summary>
    private static bool IsEnum(JsonNode root, string path, Type type)
    {
        var probe = root.DeepClone();
        Set(probe, path, "no-such-member");
        try
        {
            probe.Deserialize(type, Json);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static string Original(JsonNode root, string path) => Locate(root, path, out var parent, out var key, out var index) switch
    {
        _ when index is { } i => ((JsonArray)parent)[i]!.GetValue<string>(),
        _ => ((JsonObject)parent)[key!]!.GetValue<string>(),
    };

    private static void Set(JsonNode root, string path, string value)
    {
        Locate(root, path, out var parent, out var key, out var index);
        if (index is { } i) ((JsonArray)parent)[i] = value;
        else ((JsonObject)parent)[key!] = value;
    }

    private static void SetNull(JsonNode root, string path)
    {
        Locate(root, path, out var parent, out var key, out var index);
        if (index is { } i) ((JsonArray)parent)[i] = null;
        else ((JsonObject)parent)[key!] = null;
    }

    private static bool Locate(JsonNode root, string path, out JsonNode parent, out string? key, out int? index)
    {
        var node = root;
        parent = root;
        key = null;
        index = null;
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var indexes = new List<int>();
            if (bracket >= 0)
            {
                name = segment[..bracket];
                indexes.AddRange(segment[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)));
            }
            parent = node;
            key = name;
            index = null;
            node = node[name]!;
            foreach (var i in indexes)
            {
                parent = node;
                index = i;
                node = node[i]!;
            }
        }
        return true;
    }
}

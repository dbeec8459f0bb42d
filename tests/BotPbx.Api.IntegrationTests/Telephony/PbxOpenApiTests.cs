namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>PBX bodies are read as JSON objects (aliases, partial PUT), yet the OpenAPI document still shows their type.</summary>
public sealed class PbxOpenApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/extensions", "post", "Extension")]
    [InlineData("/api/extensions/{id}", "put", "Extension")]
    [InlineData("/api/trunks", "post", "TrunkWriteRequest")]
    [InlineData("/api/trunks/{id}", "put", "TrunkWriteRequest")]
    [InlineData("/api/queues/{id}", "put", "CallQueue")]
    [InlineData("/api/feature-codes", "put", "FeatureCodes")]
    [InlineData("/api/sip-settings", "put", "SipSettings")]
    public async Task The_request_body_is_documented_with_its_type(string path, string method, string schema)
    {
        using var client = fixture.Api.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var body = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody");
        var reference = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/" + schema, reference);
    }
}

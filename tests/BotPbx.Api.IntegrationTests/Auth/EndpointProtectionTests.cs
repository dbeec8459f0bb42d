using System.Text;

namespace BotPbx.Api.IntegrationTests.Auth;

/// <summary>
/// Walks every operation in the OpenAPI document, so an endpoint added later is checked without anyone remembering
/// to add a test: anonymous callers get 401 everywhere except the public operations, and agents and supervisors get
/// 403 on every operation the document marks as Admin-only.
/// </summary>
public sealed class EndpointProtectionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly HashSet<string> Public = ["POST /api/auth/login", "POST /api/auth/logout", "GET /api/health"];

    private ApiFactory Api => fixture.Api;

    private sealed record Operation(string Method, string Path, string? Policy)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        using var client = Api.Anonymous();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var policy = operation.Value.TryGetProperty("x-botpbx-policy", out var p) ? p.GetString() : null;
                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, policy));
            }
        }
        Assert.True(operations.Count >= 14, $"the document lists only {operations.Count} operations");
        return operations;
    }

    private static HttpRequestMessage Request(Operation operation)
    {
        // Any value satisfies the route constraints; authorization runs before the handler looks at it.
        var path = global::System.Text.RegularExpressions.Regex.Replace(operation.Path, "{[^}]+}", "1");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return request;
    }

    [Fact]
    public async Task Every_operation_except_the_public_ones_rejects_anonymous_callers()
    {
        var operations = await OperationsAsync();
        using var client = Api.Anonymous();
        var open = new List<string>();
        foreach (var operation in operations.Where(o => !Public.Contains(o.ToString())))
        {
            using var request = Request(operation);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized) open.Add($"{operation} → {(int)response.StatusCode}");
            else await Problem.ReadAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }
        Assert.Empty(open);
    }

    [Fact]
    public async Task The_document_marks_every_protected_operation_with_the_bearer_scheme_and_a_policy()
    {
        var operations = await OperationsAsync();
        Assert.All(operations.Where(o => !Public.Contains(o.ToString())), o => Assert.NotNull(o.Policy));
        Assert.All(operations.Where(o => Public.Contains(o.ToString())), o => Assert.Null(o.Policy));
        Assert.Contains(operations, o => o.Policy == "Admin");
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("supervisor")]
    public async Task Non_admins_are_forbidden_every_admin_operation(string role)
    {
        var operations = await OperationsAsync();
        var (client, _) = await Api.CreateSignedInUserAsync(role);
        using (client)
        {
            var allowed = new List<string>();
            foreach (var operation in operations.Where(o => o.Policy == "Admin"))
            {
                using var request = Request(operation);
                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden) allowed.Add($"{operation} → {(int)response.StatusCode}");
                else await Problem.ReadAsync(response, HttpStatusCode.Forbidden, "forbidden");
            }
            Assert.Empty(allowed);
        }
    }

    [Fact]
    public async Task An_agent_may_use_the_operations_open_to_every_role()
    {
        var (client, _) = await Api.CreateSignedInUserAsync("agent");
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/system/status")).StatusCode);
        }
    }

    [Fact]
    public async Task The_document_and_the_reference_page_are_public()
    {
        using var client = Api.Anonymous();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"bearer\"", document);
        using var root = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
        using var page = await client.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}

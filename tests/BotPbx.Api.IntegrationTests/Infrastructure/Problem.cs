using System.Net;
using System.Text.Json;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>Reads and checks an RFC 7807 answer of the shape API-CONTRACT.md promises.</summary>
public sealed record Problem(int Status, string Code, string Title, string Detail, string TraceId,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string expectedCode)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var errors = new Dictionary<string, string[]>();
        if (root.TryGetProperty("errors", out var errorsElement))
        {
            foreach (var field in errorsElement.EnumerateObject())
            {
                errors[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString()!).ToArray();
            }
        }
        var problem = new Problem(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("code").GetString()!,
            root.GetProperty("title").GetString()!,
            root.GetProperty("detail").GetString()!,
            root.GetProperty("traceId").GetString()!,
            errors);
        Assert.True(root.TryGetProperty("type", out _), "a problem has a type");
        Assert.Equal((int)expected, problem.Status);
        Assert.Equal(expectedCode, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId));
        return problem;
    }
}

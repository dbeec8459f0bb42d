using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>An HTTP client of the service under test signed in as some user (not the run's administrator).</summary>
public static class ApiClients
{
    public static async Task<HttpClient> ClientAsync(this PbxFixture pbx, PbxUser user)
    {
        var http = new HttpClient { BaseAddress = pbx.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var login = await http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { email = user.Email, password = user.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>POSTs JSON and returns the status and the parsed body (an object, or empty).</summary>
    public static async Task<(int Status, JsonObject Body)> PostJsonAsync(this HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }

    public static async Task<(int Status, JsonObject Body)> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }
}

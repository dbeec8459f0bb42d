using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>Reads the call log the way a user does (GET /api/calls) and what Asterisk wrote (cdr_raw), for assertions.</summary>
public static class CallLog
{
    /// <summary>
    /// Waits until the calls involving <paramref name="extension"/> number <paramref name="expected"/> and every raw
    /// record is reconciled, then answers them (newest first). Waiting for cdr_raw to drain as well means a second row
    /// that would double the call has had its chance to appear.
    /// </summary>
    public static async Task<JsonArray> WaitForCallsAsync(this PbxFixture pbx, string extension, int expected = 1, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        JsonArray items = [];
        while (DateTime.UtcNow < deadline)
        {
            var page = await pbx.Api.GetAsync("api/calls?extension=" + extension);
            items = page["items"]!.AsArray();
            if (items.Count >= expected && await pbx.PendingCdrRowsAsync() == 0)
            {
                // One more reconciler round: a late record of the same conversation must fold into the same row.
                await Task.Delay(1500);
                return (await pbx.Api.GetAsync("api/calls?extension=" + extension))["items"]!.AsArray();
            }
            await Task.Delay(300);
        }
        throw new TimeoutException($"expected {expected} call(s) of {extension} in the call log within the limit; saw {items.ToJsonString()}");
    }

    public static async Task<long> PendingCdrRowsAsync(this PbxFixture pbx) =>
        await ScalarAsync(pbx, "SELECT count(*) FROM cdr_raw WHERE NOT reconciled");

    public static async Task<long> RawRowsAsync(this PbxFixture pbx, string extension) =>
        await ScalarAsync(pbx, "SELECT count(*) FROM cdr_raw WHERE channel LIKE 'PJSIP/" + int.Parse(extension, CultureInfo.InvariantCulture) + "-%' OR dstchannel LIKE 'PJSIP/" +
            int.Parse(extension, CultureInfo.InvariantCulture) + "-%'");

    private static async Task<long> ScalarAsync(PbxFixture pbx, string sql)
    {
        await using var connection = new NpgsqlConnection(pbx.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A user of the given role, signed in: an HTTP client carrying their bearer token.</summary>
    public static async Task<(long Id, HttpClient Client)> SignedInUserAsync(this PbxFixture pbx, string role)
    {
        var email = role + "-" + Guid.NewGuid().ToString("N")[..8] + "@calls.test";
        var password = "user-" + Guid.NewGuid().ToString("N");
        var user = await pbx.Api.PostAsync("api/users", new { email, name = "Click caller", role, password });
        var client = new HttpClient { BaseAddress = pbx.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (user["id"]!.GetValue<long>(), client);
    }
}

using System.Net.Http.Headers;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Calls;

/// <summary>
/// The call log from CDR rows to the API: records written as Asterisk's INSERT-only role are reconciled into one call
/// per conversation, idempotently, and GET /api/calls filters, pages, sorts, exports and scopes them by role.
/// </summary>
public sealed class CallLogApiTests(CallLogFixture fixture) : IClassFixture<CallLogFixture>
{
    private static int _number = 3000 + Random.Shared.Next(0, 5000);

    private static string NextNumber() => Interlocked.Increment(ref _number).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task WriteAsync(params Cdr[] records)
    {
        await using var connection = fixture.CdrConnection();
        await connection.OpenAsync();
        foreach (var record in records) await record.InsertAsync(connection);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Cdr Internal(string from, string to, DateTimeOffset start, string disposition = "ANSWERED", double length = 30) => new()
    {
        Start = start, Src = from, Clid = $"\"Caller {from}\" <{from}>", Dst = to, Channel = Cdr.Chan(from, 1),
        Dstchannel = Cdr.Chan(to, 2), Disposition = disposition, Length = length,
    };

    [Fact]
    public async Task The_records_of_one_conversation_become_one_call_and_reconciling_again_changes_nothing()
    {
        var caller = NextNumber();
        var member1 = NextNumber();
        var member2 = NextNumber();
        var linked = Guid.NewGuid().ToString("N")[..10] + ".7";
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        // A ring group: the caller's record, then one record per Local half that rang a member; member2 answered.
        await WriteAsync(
            new Cdr { Linkedid = linked, Start = start, Src = caller, Dst = "600", Channel = Cdr.Chan(caller, 1), Dstchannel = $"Local/{member1}@botpbx-device-00000001;1", Disposition = "NO ANSWER", Sequence = 1 },
            new Cdr { Linkedid = linked, Start = start, Src = caller, Dst = "600", Channel = Cdr.Chan(caller, 1), Dstchannel = $"Local/{member2}@botpbx-device-00000002;1", AnswerAfter = 4, Sequence = 2 },
            new Cdr { Linkedid = linked, Uniqueid = linked + "x", Start = start.AddMilliseconds(20), Src = caller, Dst = member2, Channel = $"Local/{member2}@botpbx-device-00000002;2", Dstchannel = Cdr.Chan(member2, 3), AnswerAfter = 4, Sequence = 3 });
        await fixture.ReconcileAsync();
        using var admin = await fixture.Api.SignInAsAdminAsync();

        var first = await GetAsync(admin, "/api/calls?extension=" + caller);
        var call = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(linked, call.GetProperty("callId").GetString());
        Assert.Equal(member2, call.GetProperty("answeredBy").GetString());
        Assert.Equal(3, call.GetProperty("legs").GetInt32());
        Assert.Equal(4, call.GetProperty("waitSeconds").GetInt32());
        Assert.Equal([caller, member1, member2], call.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()!).Order());

        // As after a crash between the upsert and the commit's bookkeeping: every row pending again.
        await using (var connection = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var reset = new NpgsqlCommand("UPDATE cdr_raw SET reconciled = false WHERE linkedid = @l", connection);
            reset.Parameters.AddWithValue("l", linked);
            Assert.Equal(3, await reset.ExecuteNonQueryAsync());
        }
        await fixture.ReconcileAsync();
        var again = Assert.Single((await GetAsync(admin, "/api/calls?extension=" + caller)).GetProperty("items").EnumerateArray());
        Assert.Equal(call.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal(call.GetRawText(), again.GetRawText());
    }

    [Fact]
    public async Task A_record_that_arrives_later_updates_its_call_instead_of_adding_one()
    {
        var a = NextNumber();
        var b = NextNumber();
        var linked = Guid.NewGuid().ToString("N")[..10] + ".9";
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        await WriteAsync(new Cdr { Linkedid = linked, Start = start, Src = a, Dst = b, Channel = Cdr.Chan(a, 1), Dstchannel = Cdr.Chan(b, 2), Length = 10 });
        await fixture.ReconcileAsync();
        // A transfer: b's leg to a third party ends later, under the same linkedid.
        var c = NextNumber();
        await WriteAsync(new Cdr { Linkedid = linked, Uniqueid = linked + "t", Start = start.AddSeconds(8), Src = b, Dst = c, Channel = Cdr.Chan(b, 2), Dstchannel = Cdr.Chan(c, 4), Length = 40, Sequence = 5 });
        await fixture.ReconcileAsync();
        using var admin = await fixture.Api.SignInAsAdminAsync();

        var call = Assert.Single((await GetAsync(admin, "/api/calls?extension=" + a)).GetProperty("items").EnumerateArray());
        Assert.Equal(2, call.GetProperty("legs").GetInt32());
        Assert.Equal(48, call.GetProperty("duration").GetInt32());
        Assert.Contains(c, call.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_CDR_role_may_insert_call_records_and_do_nothing_else()
    {
        await using var connection = fixture.CdrConnection();
        await connection.OpenAsync();
        await new Cdr().InsertAsync(connection);

        foreach (var sql in new[]
                 {
                     "SELECT count(*) FROM cdr_raw", "SELECT count(*) FROM users", "SELECT count(*) FROM calls",
                     "UPDATE cdr_raw SET reconciled = true", "DELETE FROM cdr_raw",
                     "INSERT INTO calls (call_id, direction, started_at, ended_at, duration, billsec, disposition, legs) VALUES ('x', 'internal', now(), now(), 0, 0, 'ANSWERED', 1)",
                     "CREATE TABLE mine (id int)",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal("42501", error.SqlState); // insufficient_privilege
        }
    }

    [Fact]
    public async Task The_list_filters_by_direction_extension_number_disposition_trunk_and_queue()
    {
        var ext = NextNumber();
        var other = NextNumber();
        var day = new DateTimeOffset(2024, 3, 5, 12, 0, 0, TimeSpan.Zero);
        await WriteAsync(
            Internal(ext, other, day),
            Internal(ext, other, day.AddMinutes(1), "BUSY"),
            new Cdr { Start = day.AddMinutes(2), Src = "+15550001111", Clid = "\"Customer\" <+15550001111>", Dst = "5559000", Channel = "PJSIP/botpbx-trunk-42-00000009",
                Dstchannel = Cdr.Chan(ext, 10), Direction = "inbound", Did = "5559000", Trunk = "botpbx-trunk-42", Queue = "700" },
            new Cdr { Start = day.AddMinutes(3), Src = ext, Dst = "915557778888", Channel = Cdr.Chan(ext, 11), Dstchannel = "PJSIP/botpbx-trunk-43-0000000c",
                Direction = "outbound", Number = "+15557778888", Trunk = "botpbx-trunk-43", Ext = ext, Disposition = "NO ANSWER" });
        await fixture.ReconcileAsync();
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var range = "start=2024-03-05&end=2024-03-05&extension=" + ext;

        async Task<string[]> Directions(string query) =>
            [.. (await GetAsync(admin, "/api/calls?" + range + query)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("direction").GetString()!)];

        Assert.Equal(4, (await Directions("")).Length);
        Assert.Equal(["internal", "internal"], await Directions("&direction=internal"));
        Assert.Equal(["inbound"], await Directions("&direction=inbound"));
        Assert.Equal(["inbound"], await Directions("&search=0001111"));
        Assert.Equal(["inbound"], await Directions("&search=Customer"));
        Assert.Equal(["outbound"], await Directions("&search=%2B1555777"));
        Assert.Equal(["internal"], await Directions("&disposition=busy"));
        Assert.Equal(["outbound"], await Directions("&disposition=no_answer"));
        Assert.Equal(["inbound"], await Directions("&trunk=42"));
        Assert.Equal(["outbound"], await Directions("&trunk=43"));
        Assert.Equal(["inbound"], await Directions("&queue=700"));
        Assert.Empty(await Directions("&queue=701"));

        var inbound = (await GetAsync(admin, "/api/calls?" + range + "&direction=inbound")).GetProperty("items")[0];
        Assert.Equal("5559000", inbound.GetProperty("did").GetString());
        Assert.Equal("5559000", inbound.GetProperty("to").GetString());
        Assert.Equal("+15550001111", inbound.GetProperty("from").GetString());
        Assert.Equal(ext, inbound.GetProperty("answeredBy").GetString());
        Assert.Equal("700", inbound.GetProperty("queue").GetString());
        var outbound = (await GetAsync(admin, "/api/calls?" + range + "&direction=outbound")).GetProperty("items")[0];
        Assert.Equal("+15557778888", outbound.GetProperty("to").GetString());
        Assert.Equal(ext, outbound.GetProperty("extension").GetString());
        var detail = await GetAsync(admin, "/api/calls/" + outbound.GetProperty("id").GetInt64());
        Assert.Equal(outbound.GetRawText(), detail.GetRawText());
    }

    [Fact]
    public async Task Days_are_counted_in_the_company_time_zone_and_paging_and_sorting_work()
    {
        var ext = NextNumber();
        using var admin = await fixture.Api.SignInAsAdminAsync();
        // 03:30 UTC on 10 April is still 9 April in New York (UTC-4).
        var late = new DateTimeOffset(2024, 4, 10, 3, 30, 0, TimeSpan.Zero);
        await WriteAsync(
            Internal(ext, "2999", late, length: 5),
            Internal(ext, "2999", late.AddHours(6), length: 50),
            Internal(ext, "2999", late.AddHours(7), length: 20));
        await fixture.ReconcileAsync();
        using var put = await admin.PutAsJsonAsync("/api/settings", new { companyName = "Calls Test", timeZone = "America/New_York", language = "en" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        try
        {
            var ninth = await GetAsync(admin, $"/api/calls?start=2024-04-09&end=2024-04-09&extension={ext}");
            Assert.Equal(1, ninth.GetProperty("total").GetInt64());
            var tenth = await GetAsync(admin, $"/api/calls?start=2024-04-10&end=2024-04-10&extension={ext}");
            Assert.Equal(2, tenth.GetProperty("total").GetInt64());
            var exact = await GetAsync(admin, $"/api/calls?start=2024-04-10T03:00:00Z&end=2024-04-10T04:00:00Z&extension={ext}");
            Assert.Equal(1, exact.GetProperty("total").GetInt64());
        }
        finally
        {
            using var back = await admin.PutAsJsonAsync("/api/settings", new { companyName = "Calls Test", timeZone = "UTC", language = "en" });
        }

        int[] Durations(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("duration").GetInt32())];
        var ascending = Durations(await GetAsync(admin, $"/api/calls?extension={ext}&sort=duration"));
        Assert.Equal([5, 20, 50], ascending);
        var descending = Durations(await GetAsync(admin, $"/api/calls?extension={ext}&sort=-duration"));
        Assert.Equal([50, 20, 5], descending);
        var newestFirst = Durations(await GetAsync(admin, $"/api/calls?extension={ext}"));
        Assert.Equal([20, 50, 5], newestFirst);
        var page2 = await GetAsync(admin, $"/api/calls?extension={ext}&sort=duration&limit=2&offset=2");
        Assert.Equal(3, page2.GetProperty("total").GetInt64());
        Assert.Equal([50], Durations(page2));
    }

    [Fact]
    public async Task The_CSV_export_has_a_header_and_one_quoted_line_per_matching_call()
    {
        var ext = NextNumber();
        var start = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        await WriteAsync(
            Internal(ext, "2998", start) with { Clid = "\"Smith, John\" <" + ext + ">" },
            Internal(ext, "2998", start.AddMinutes(1), "NO ANSWER"),
            new Cdr { Start = start.AddMinutes(2), Src = "=HYPERLINK(1)", Dst = "5550", Channel = "PJSIP/botpbx-trunk-9-00000001", Dstchannel = Cdr.Chan(ext, 3), Direction = "inbound", Did = "5550" });
        await fixture.ReconcileAsync();
        using var admin = await fixture.Api.SignInAsAdminAsync();

        using var response = await admin.GetAsync($"/api/calls/export.csv?extension={ext}&sort=startedAt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("calls.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("id,call_id,started_at,answered_at,ended_at,direction,from,from_name,to", lines[0], StringComparison.Ordinal);
        Assert.Contains(",2024-05-01T09:00:00Z,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"Smith, John\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",NO ANSWER,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'=HYPERLINK(1),", lines[3], StringComparison.Ordinal);

        using var filtered = await admin.GetAsync($"/api/calls/export.csv?extension={ext}&disposition=no_answer");
        Assert.Equal(2, (await filtered.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_agent_sees_only_calls_of_their_own_extension_and_a_supervisor_sees_all()
    {
        var (agent, agentUser) = await fixture.Api.CreateSignedInUserAsync("agent");
        var (supervisor, _) = await fixture.Api.CreateSignedInUserAsync("supervisor");
        using var _a = agent;
        using var _s = supervisor;
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var mine = NextNumber();
        var theirs = NextNumber();
        using (var created = await admin.PostAsJsonAsync("/api/extensions", new { number = mine, name = "Agent phone", userId = agentUser.Id }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var start = new DateTimeOffset(2024, 6, 2, 10, 0, 0, TimeSpan.Zero);
        await WriteAsync(Internal(mine, "2997", start), Internal(theirs, "2996", start.AddMinutes(1)), Internal("2995", mine, start.AddMinutes(2)));
        await fixture.ReconcileAsync();

        var seen = await GetAsync(agent, "/api/calls?start=2024-06-02&end=2024-06-02");
        Assert.Equal(2, seen.GetProperty("total").GetInt64());
        Assert.All(seen.GetProperty("items").EnumerateArray(), c => Assert.Contains(mine, c.GetProperty("extensions").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal(3, (await GetAsync(supervisor, "/api/calls?start=2024-06-02&end=2024-06-02")).GetProperty("total").GetInt64());

        var hidden = (await GetAsync(admin, "/api/calls?extension=" + theirs)).GetProperty("items")[0].GetProperty("id").GetInt64();
        await Problem.ReadAsync(await agent.GetAsync("/api/calls/" + hidden), HttpStatusCode.NotFound, "not_found");
        using var csv = await agent.GetAsync("/api/calls/export.csv?start=2024-06-02&end=2024-06-02");
        Assert.Equal(3, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        using var anonymous = fixture.Api.Anonymous();
        await Problem.ReadAsync(await anonymous.GetAsync("/api/calls"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ReadAsync(await anonymous.PostAsJsonAsync("/api/calls/originate", new { to = "2001" }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("direction=sideways", "direction")]
    [InlineData("start=yesterday", "start")]
    [InlineData("start=2024-01-31T10:00:00", "start")]
    [InlineData("start=2024-02-01&end=2024-01-01", "end")]
    [InlineData("sort=password", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("extension=12a4", "extension")]
    [InlineData("queue=0", "queue")]
    [InlineData("disposition=maybe", "disposition")]
    [InlineData("search=%25%27%3B--", "search")]
    [InlineData("trunk=0", "trunk")]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string query, string field)
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var problem = await Problem.ReadAsync(await admin.GetAsync("/api/calls?" + query), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        await Problem.ReadAsync(await admin.GetAsync("/api/calls/export.csv?" + query), HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task A_word_where_a_number_belongs_is_a_bad_request()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/calls?limit=lots"), HttpStatusCode.BadRequest, "bad_request");
        await Problem.ReadAsync(await admin.GetAsync("/api/calls/stats?date=today"), HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Theory]
    [InlineData("""{"to": ""}""", "to")]
    [InlineData("""{"to": "1"}""", "to")]
    [InlineData("""{"to": "555-1234"}""", "to")]
    [InlineData("""{"to": "5551234&PJSIP/2001"}""", "to")]
    [InlineData("""{"to": "5551234,t"}""", "to")]
    [InlineData("""{"to": "*72555"}""", "to")]
    [InlineData("""{"to": "123456789012345678901"}""", "to")]
    [InlineData("""{"to": "5551234", "from": "abc"}""", "from")]
    [InlineData("""{"to": "5551234", "timeout": 2}""", "timeout")]
    public async Task Click_to_call_refuses_anything_but_a_plain_number(string body, string field)
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var problem = await Problem.ReadAsync(await admin.PostAsync("/api/calls/originate", content), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
    }

    [Fact]
    public async Task Click_to_call_needs_an_extension_of_your_own()
    {
        var (agent, _) = await fixture.Api.CreateSignedInUserAsync("agent");
        using var _a = agent;
        await Problem.ReadAsync(await agent.PostAsJsonAsync("/api/calls/originate", new { to = "5551234" }), HttpStatusCode.Conflict, "conflict");
        var problem = await Problem.ReadAsync(await agent.PostAsJsonAsync("/api/calls/originate", new { to = "5551234", from = "2001" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("from", problem.Errors.Keys);
    }

    [Fact]
    public async Task Todays_figures_count_calls_by_hour_answered_and_missed_wait_and_busiest_extensions()
    {
        var (agent, agentUser) = await fixture.Api.CreateSignedInUserAsync("agent");
        using var _a = agent;
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var busy = NextNumber();
        using (var created = await admin.PostAsJsonAsync("/api/extensions", new { number = busy, name = "Busiest desk", userId = agentUser.Id }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var now = DateTimeOffset.UtcNow;
        var hour = now.AddMinutes(-1).Hour;
        await WriteAsync(
            Internal(busy, "2990", now.AddMinutes(-1)) with { AnswerAfter = 6 },
            Internal(busy, "2991", now.AddMinutes(-1)) with { AnswerAfter = 10 },
            Internal(busy, "2992", now.AddMinutes(-1), "NO ANSWER"));
        await fixture.ReconcileAsync();

        var mine = await GetAsync(agent, "/api/calls/stats");
        Assert.Equal("UTC", mine.GetProperty("timeZone").GetString());
        Assert.Equal(now.AddMinutes(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), mine.GetProperty("date").GetString());
        Assert.Equal(3, mine.GetProperty("total").GetInt32());
        Assert.Equal(2, mine.GetProperty("answered").GetInt32());
        Assert.Equal(1, mine.GetProperty("missed").GetInt32());
        Assert.Equal(8, mine.GetProperty("averageWaitSeconds").GetDouble());
        var byHour = mine.GetProperty("byHour");
        Assert.Equal(24, byHour.GetArrayLength());
        Assert.Equal(2, byHour[hour].GetProperty("answered").GetInt32());
        Assert.Equal(1, byHour[hour].GetProperty("missed").GetInt32());
        var top = mine.GetProperty("busiestExtensions")[0];
        Assert.Equal(busy, top.GetProperty("extension").GetString());
        Assert.Equal("Busiest desk", top.GetProperty("name").GetString());
        Assert.Equal(3, top.GetProperty("calls").GetInt32());
        Assert.True((await GetAsync(admin, "/api/calls/stats")).GetProperty("total").GetInt32() >= 3);
    }
}

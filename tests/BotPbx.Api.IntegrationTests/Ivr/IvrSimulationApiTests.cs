using BotPbx.Ivr.Prompts;
using static BotPbx.Api.IntegrationTests.Ivr.IvrFlowsForTests;

namespace BotPbx.Api.IntegrationTests.Ivr;

public sealed class IvrSimulationApiTests(IvrApiFixture fixture) : IClassFixture<IvrApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private static async Task<long> CreateAsync(HttpClient admin, object flow)
    {
        using var created = await admin.PostAsJsonAsync("/api/ivrs", new { name = "Sim " + Guid.NewGuid().ToString("N")[..8], flow });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task The_simulator_runs_the_draft_pauses_for_digits_and_serves_the_prompts_as_audio()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = await CreateAsync(admin, Menu("You chose sales"));

        using var started = await admin.PostAsJsonAsync($"/api/ivrs/{id}/simulate", new { callerId = "5550100" });
        var state = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("waiting", state.GetProperty("status").GetString());
        Assert.Equal(3, state.GetProperty("waitSeconds").GetDouble());
        var play = state.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "play");
        var url = play.GetProperty("promptUrl").GetString()!;
        Assert.Equal($"/api/ivr-prompts/{PromptCache.HashOf("flite", "kal", "Press 1")}.wav", url);

        using var audio = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await audio.Content.ReadAsByteArrayAsync())[..4]);

        var session = state.GetProperty("sessionId").GetString();
        using var pressed = await admin.PostAsJsonAsync($"/api/ivrs/{id}/simulate/{session}", new { digits = "1" });
        var done = await pressed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("ended", "completed"), (done.GetProperty("status").GetString(), done.GetProperty("outcome").GetString()));
        Assert.Equal(["start", "menu", "sales"], done.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()));
        Assert.Equal("5550100", done.GetProperty("variables").GetProperty("CALLERID").GetString());

        using var ended = await admin.DeleteAsync($"/api/ivrs/{id}/simulate/{session}");
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/ivrs/{id}/simulate/{session}", new { digits = "1" }), HttpStatusCode.NotFound,
            "not_found");
        var traces = await admin.GetFromJsonAsync<JsonElement>($"/api/ivrs/{id}/traces");
        Assert.Equal(0, traces.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_draft_that_breaks_the_schema_cannot_be_simulated_and_bad_input_is_refused()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var broken = await CreateAsync(admin, Flow([Node("start", "start"), Node("m", "menu", new { })], [Edge("start", "next", "m")]));
        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/ivrs/{broken}/simulate", new { }), HttpStatusCode.UnprocessableEntity,
            "validation_failed");
        Assert.Contains("nodes.m.data.prompt", problem.Errors.Keys);

        var id = await CreateAsync(admin, Menu("x"));
        using var started = await admin.PostAsJsonAsync($"/api/ivrs/{id}/simulate", new { });
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
        await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/ivrs/{id}/simulate/{session}", new { digits = "1; DROP" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        await Problem.ReadAsync(await admin.PostAsJsonAsync($"/api/ivrs/{broken}/simulate/{session}", new { digits = "1" }),
            HttpStatusCode.NotFound, "not_found");
        await Problem.ReadAsync(await admin.GetAsync("/api/ivr-prompts/" + new string('0', 64) + ".wav"), HttpStatusCode.NotFound, "not_found");
    }
}

using BotPbx.Ivr.Prompts;
using static BotPbx.Api.IntegrationTests.Ivr.IvrFlowsForTests;

namespace BotPbx.Api.IntegrationTests.Ivr;

/// <summary>Calls from a scripted Asterisk over FastAGI into IVRs stored through the API.</summary>
public sealed class IvrCallTests(IvrApiFixture fixture) : IClassFixture<IvrApiFixture>
{
    private ApiFactory Api => fixture.Api;

    private static async Task<long> PublishAsync(HttpClient admin, object flow)
    {
        var name = "Calls " + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PostAsJsonAsync("/api/ivrs", new { name, flow });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var published = await admin.PostAsync($"/api/ivrs/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return id;
    }

    [Fact]
    public async Task A_call_runs_the_published_version_and_leaves_a_trace_the_api_shows()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = await PublishAsync(admin, Menu("Welcome to sales"));
        var (commands, callId) = await fixture.CallAsync(id, (c, _) => IvrApiFixture.Answer(c, '1'), callerId: "5550199");

        Assert.Equal("ANSWER", commands[0]);
        Assert.Equal("WAIT FOR DIGIT 3000", commands[2]);
        Assert.StartsWith("STREAM FILE \"" + fixture.PromptDirectory + "/", commands[3], StringComparison.Ordinal);
        Assert.Equal("HANGUP", commands[^1]);

        var traces = await admin.GetFromJsonAsync<JsonElement>($"/api/ivr-traces/{callId}");
        var trace = traces.GetProperty("items")[0];
        Assert.Equal(("completed", 1, "5550199"), (trace.GetProperty("outcome").GetString(), trace.GetProperty("version").GetInt32(),
            trace.GetProperty("caller").GetString()));
        Assert.Equal(["start", "menu", "sales"], trace.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()));
        Assert.Equal("1", trace.GetProperty("steps")[1].GetProperty("digits").GetString());
        Assert.Equal("5550199", trace.GetProperty("variables").GetProperty("CALLERID").GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/ivrs/{id}/traces");
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_call_started_on_version_1_finishes_on_version_1_while_version_2_is_published()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = "Versions " + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PostAsJsonAsync("/api/ivrs", new { name, flow = Menu("Version one") });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await admin.PostAsync($"/api/ivrs/{id}/publish", null)).Dispose();

        var (commands, callId) = await fixture.CallAsync(id, async (command, cancellationToken) =>
        {
            if (command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal))
            {
                // While this caller listens to the menu, an admin publishes version 2.
                (await admin.PutAsJsonAsync($"/api/ivrs/{id}", new { name, flow = Menu("Version two") }, cancellationToken)).Dispose();
                (await admin.PostAsync($"/api/ivrs/{id}/publish", null, cancellationToken)).Dispose();
            }
            return await IvrApiFixture.Answer(command, '1');
        });
        var trace = (await admin.GetFromJsonAsync<JsonElement>($"/api/ivr-traces/{callId}")).GetProperty("items")[0];
        Assert.Equal(1, trace.GetProperty("version").GetInt32());
        Assert.Contains(PromptCache.HashOf("flite", "kal", "Version one"), commands[3], StringComparison.Ordinal);

        var (nextCommands, nextCall) = await fixture.CallAsync(id, (c, _) => IvrApiFixture.Answer(c, '1'));
        var next = (await admin.GetFromJsonAsync<JsonElement>($"/api/ivr-traces/{nextCall}")).GetProperty("items")[0];
        Assert.Equal(2, next.GetProperty("version").GetInt32());
        Assert.Contains(PromptCache.HashOf("flite", "kal", "Version two"), nextCommands[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_into_an_ivr_that_was_never_published_hears_the_fallback_and_is_traced()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/ivrs", new { name = "Unpublished " + Guid.NewGuid().ToString("N")[..8] });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (commands, callId) = await fixture.CallAsync(id, (c, _) => IvrApiFixture.Answer(c));
        // BotPBX's own error prompt, under the configured ASTERISK_SOUNDS (Asterisk's an-error-has-occured is not in Debian's sounds).
        var fallback = Path.Combine(Api.Setting("ASTERISK_SOUNDS")!, "botpbx", "system", "error");
        Assert.Equal([$"STREAM FILE \"{fallback}\" \"\"", "HANGUP"], commands);
        var trace = (await admin.GetFromJsonAsync<JsonElement>($"/api/ivr-traces/{callId}")).GetProperty("items")[0];
        Assert.Equal("notPublished", trace.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_unknown_call_has_no_trace()
    {
        using var admin = await Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/ivr-traces/0.0"), HttpStatusCode.NotFound, "not_found");
    }
}

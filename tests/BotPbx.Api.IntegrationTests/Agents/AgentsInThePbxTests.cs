using System.Globalization;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>
/// Agents as PBX destinations (inbound routes, queues' timeout) rendered as Goto(botpbx-ai-agent,id,1); and neither
/// side can delete what the other still uses.
/// </summary>
public sealed class AgentsInThePbxTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task An_inbound_route_to_an_agent_is_rendered_as_the_hand_off_and_keeps_the_agent()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var name = AgentRequests.NewName("Front desk");
        var agent = await admin.CreateAgentIdAsync(AgentRequests.Minimal(name));
        var target = agent.ToString(CultureInfo.InvariantCulture);

        var destinations = await admin.GetStringAsync("/api/destinations");
        Assert.Contains($"{{\"type\":\"aiAgent\",\"target\":\"{target}\",\"label\":\"AI agent {name}\"", destinations, StringComparison.Ordinal);

        var did = "+1212555" + TelephonyClient.NewNumber();
        var route = (await admin.CreateAsync("/api/inbound-routes", new { name = "To agent", did, destination = new { type = "aiAgent", target } }))
            .GetProperty("id").GetInt64();
        var queue = (await admin.CreateAsync("/api/queues", new
        {
            number = TelephonyClient.NewNumber(), name = "Overflow", timeoutDestination = new { type = "aiAgent", target },
        })).GetProperty("id").GetInt64();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, cts.Token);
        using (var applied = await admin.PostAsync("/api/system/asterisk/reload", null))
            Assert.True(applied.StatusCode == HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        var dialplan = await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "extensions.conf"));
        Assert.Contains($"Goto(botpbx-ai-agent,{target},1)", dialplan, StringComparison.Ordinal);
        Assert.Contains($"exten => {target},1,Answer()", dialplan, StringComparison.Ordinal);

        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/agents/{agent}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"inbound route {route} (To agent)", problem.Detail, StringComparison.Ordinal);
        Assert.Contains($"queue {queue}", problem.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/inbound-routes/{route}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/queues/{queue}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/agents/{agent}")).StatusCode);

        // Gone from the pickers, and a route can no longer name it.
        Assert.DoesNotContain($"\"type\":\"aiAgent\",\"target\":\"{target}\"", await admin.GetStringAsync("/api/destinations"), StringComparison.Ordinal);
        var refused = await admin.PostAsJsonAsync("/api/inbound-routes", new { name = "Stale", did = did + "1", destination = new { type = "aiAgent", target } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task An_extension_an_agent_transfers_to_cannot_be_deleted_or_renumbered()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (extensionId, number, _) = await admin.CreateExtensionAsync();
        var name = AgentRequests.NewName();
        var agent = await admin.CreateAgentIdAsync(new
        {
            name, llmProvider = "openai", model = "gpt-4o", systemPrompt = "p",
            transferTargets = new[] { new { name = "Reception", kind = "extension", number } },
        });

        var problem = await Problem.ReadAsync(await admin.DeleteAsync($"/api/extensions/{extensionId}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains($"AI agent {agent} ({name})", problem.Detail, StringComparison.Ordinal);
        var renumber = await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/extensions/{extensionId}", new { number = TelephonyClient.NewNumber() }),
            HttpStatusCode.Conflict, "conflict");
        Assert.Contains("its number cannot change", renumber.Detail, StringComparison.Ordinal);

        await admin.PutJsonAsync($"/api/agents/{agent}", new { transferTargets = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/extensions/{extensionId}")).StatusCode);
    }

    [Fact]
    public async Task An_agents_internal_number_is_dialled_from_phones_and_shares_the_extensions_numbers()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var (_, extensionNumber, _) = await admin.CreateExtensionAsync();
        var name = AgentRequests.NewName("Dialled");

        // Not a number, and a number an extension has: both refused on the field.
        var malformed = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", new
        {
            name, llmProvider = "openai-compatible", model = "llama3", systemPrompt = "p", number = "0123",
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["must be 2 to 8 digits and not start with 0"], malformed.Errors["number"]);
        var taken = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", new
        {
            name, llmProvider = "openai-compatible", model = "llama3", systemPrompt = "p", number = extensionNumber,
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.StartsWith("is already used by extension ", Assert.Single(taken.Errors["number"]), StringComparison.Ordinal);

        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAgentAsync(new { name, llmProvider = "openai-compatible", model = "llama3", systemPrompt = "p", number });
        Assert.Equal(number, created.GetProperty("number").GetString());
        var agent = created.GetProperty("id").GetInt64();
        var target = agent.ToString(CultureInfo.InvariantCulture);

        // The other way round: an extension or a queue cannot take the agent's number, nor can another agent.
        var extension = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/extensions", new { number, name = "Clash" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal([$"is already used by aiAgent {target}"], extension.Errors["number"]);
        var queue = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/queues", new { number, name = "Clash" }),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal([$"is already used by aiAgent {target}"], queue.Errors["number"]);
        var twin = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/agents", new
        {
            name = AgentRequests.NewName(), llmProvider = "openai-compatible", model = "llama3", systemPrompt = "p", number,
        }), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal([$"is already used by aiAgent {target}"], twin.Errors["number"]);
        // Saving the agent with its own number is not a clash with itself.
        await admin.PutJsonAsync($"/api/agents/{agent}", new { description = "Still dialled" });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await fixture.Ami.WaitForLoginsAsync(1, cts.Token);
        using (var applied = await admin.PostAsync("/api/system/asterisk/reload", null))
            Assert.True(applied.StatusCode == HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        var dialplan = await File.ReadAllTextAsync(Path.Combine(fixture.BotPbxDir, "extensions.conf"));
        Assert.Contains("include => botpbx-ai-agent-numbers", dialplan, StringComparison.Ordinal);
        Assert.Contains($"exten => {number},1,Goto(botpbx-ai-agent,{target},1)", dialplan, StringComparison.Ordinal);
        // Phones' own numbers come first: the agents' context is included before the outbound routes' patterns.
        Assert.True(dialplan.IndexOf("include => botpbx-ai-agent-numbers", StringComparison.Ordinal)
            < dialplan.IndexOf("include => botpbx-outbound", StringComparison.Ordinal));

        // Taking the number away frees it.
        await admin.PutJsonAsync($"/api/agents/{agent}", new { number = (string?)null });
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/extensions", new { number, name = "Now free", voicemail = new { pin = "1234" } })).StatusCode);
    }
}

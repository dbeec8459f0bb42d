using System.Net.Http.Headers;
using BotPbx.Voice.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>/metrics: seed 002's metric names, readable with the generated scrape token or as an administrator, by nobody else.</summary>
public sealed class MetricsEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task The_voice_meter_is_exported_under_seed_002s_names_to_the_token_holder_only()
    {
        var metrics = Api.Services.GetRequiredService<VoiceMetrics>();
        // The exporter's registry is process-wide: a label no other test uses keeps the counts this test's own.
        var agent = "metrics-" + Guid.NewGuid().ToString("N");
        metrics.Turn(agent, TimeSpan.FromMilliseconds(640));
        metrics.Stt(agent, TimeSpan.FromMilliseconds(120));
        metrics.Llm(agent, TimeSpan.FromMilliseconds(300));
        metrics.Tts(agent, TimeSpan.FromMilliseconds(90));

        using var anonymous = Api.Anonymous();
        await Problem.ReadAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "unauthorized");
        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor) await Problem.ReadAsync(await supervisor.GetAsync("/metrics"), HttpStatusCode.Forbidden, "forbidden");

        using var admin = await Api.SignInAsAdminAsync();
        var status = await AgentRequests.ReadOkAsync(await admin.GetAsync("/api/metrics/token"));
        Assert.False(status.GetProperty("hasToken").GetBoolean());
        var token = (await AgentRequests.ReadOkAsync(await admin.PostAsync("/api/metrics/token", null))).GetProperty("token").GetString()!;
        Assert.Matches("^bpxm_[0-9a-f]{64}$", token);
        Assert.DoesNotContain(token, await admin.GetStringAsync("/api/metrics/token"), StringComparison.Ordinal);

        using var scraper = Api.Anonymous();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var scraped = await scraper.GetAsync("/metrics");
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.OK == scraped.StatusCode, text);
        Assert.StartsWith("text/plain", scraped.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE ai_agent_turn_latency_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains($"ai_agent_turn_latency_seconds_bucket{{agent=\"{agent}\",le=\"0.75\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"ai_agent_turn_latency_seconds_bucket{{agent=\"{agent}\",le=\"0.5\"}} 0", text, StringComparison.Ordinal);
        foreach (var name in new[] { "ai_agent_stt_latency_seconds", "ai_agent_llm_latency_seconds", "ai_agent_tts_latency_seconds" })
            Assert.Contains($"{name}_count{{agent=\"{agent}\"}} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("botpbx_voice_", text, StringComparison.Ordinal);

        // An administrator's own session reads it too; a revoked token no longer does.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/metrics/token")).StatusCode);
        await Problem.ReadAsync(await scraper.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}

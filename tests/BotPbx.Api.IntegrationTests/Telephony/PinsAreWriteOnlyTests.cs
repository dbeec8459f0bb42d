using BotPbx.Api.Features.Telephony.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>
/// Review item: a supervisor could read every voicemail PIN (<c>GET /api/extensions</c>) and every conference PIN and
/// host PIN. PINs are now write-only like trunk passwords: reads say whether one is set; an update without one keeps it.
/// </summary>
public sealed class PinsAreWriteOnlyTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    private PbxStore Store => Api.Services.GetRequiredService<PbxStore>();

    [Fact]
    public async Task Voicemail_pins_are_never_returned_and_an_update_without_one_keeps_it()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAsync("/api/extensions", new { number, name = "Pin Keeper", voicemail = new { pin = "908172" } });
        var id = created.GetProperty("extension").GetProperty("id").GetInt64();
        Assert.True(created.GetProperty("extension").GetProperty("voicemail").GetProperty("hasPin").GetBoolean());

        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
        {
            foreach (var path in new[] { $"/api/extensions?search={number}", $"/api/extensions/{id}" })
            {
                var body = await supervisor.GetStringAsync(path);
                Assert.Contains(number, body, StringComparison.Ordinal);
                Assert.DoesNotContain("908172", body, StringComparison.Ordinal);
                Assert.DoesNotContain("\"pin\"", body, StringComparison.Ordinal);
                Assert.Contains("\"hasPin\":true", body, StringComparison.Ordinal);
            }
        }

        using var renamed = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { number, name = "Renamed", voicemail = new { pin = "" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("908172", (await Store.FindAsync(PbxTables.Extensions, id, CancellationToken.None))!.Voicemail.Pin);

        using var changed = await admin.PutAsJsonAsync($"/api/extensions/{id}", new { number, name = "Renamed", voicemail = new { pin = "5555" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("5555", (await Store.FindAsync(PbxTables.Extensions, id, CancellationToken.None))!.Voicemail.Pin);
        Assert.DoesNotContain("5555", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_box_still_needs_a_pin()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/extensions", new { number = TelephonyClient.NewNumber(), name = "No Pin", voicemail = new { enabled = true } });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("voicemail.pin", problem.Errors.Keys);
    }

    [Fact]
    public async Task Conference_pins_are_never_returned_null_keeps_them_and_empty_removes_them()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var number = TelephonyClient.NewNumber();
        var created = await admin.CreateAsync("/api/conferences", new { number, name = "Board", pin = "24680", adminPin = "13579" });
        var id = created.GetProperty("id").GetInt64();
        Assert.True(created.GetProperty("hasPin").GetBoolean());
        Assert.True(created.GetProperty("hasAdminPin").GetBoolean());

        var (supervisor, _) = await Api.CreateSignedInUserAsync("supervisor");
        using (supervisor)
        {
            foreach (var path in new[] { $"/api/conferences?search={number}", $"/api/conferences/{id}" })
            {
                var body = await supervisor.GetStringAsync(path);
                Assert.Contains(number, body, StringComparison.Ordinal);
                Assert.DoesNotContain("24680", body, StringComparison.Ordinal);
                Assert.DoesNotContain("13579", body, StringComparison.Ordinal);
                Assert.DoesNotContain("\"pin\"", body, StringComparison.Ordinal);
                Assert.DoesNotContain("\"adminPin\"", body, StringComparison.Ordinal);
            }
        }

        using (var kept = await admin.PutAsJsonAsync($"/api/conferences/{id}", new { number, name = "Board room", pin = (string?)null }))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var room = (await Store.FindAsync(PbxTables.Conferences, id, CancellationToken.None))!;
        Assert.Equal(("Board room", "24680", "13579"), (room.Name, room.Pin, room.AdminPin));

        using var removed = await admin.PutAsJsonAsync($"/api/conferences/{id}", new { number, name = "Board room", pin = "" });
        var answer = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("hasPin").GetBoolean());
        Assert.True(answer.GetProperty("hasAdminPin").GetBoolean());
        room = (await Store.FindAsync(PbxTables.Conferences, id, CancellationToken.None))!;
        Assert.Equal(("", "13579"), (room.Pin, room.AdminPin));
    }
}

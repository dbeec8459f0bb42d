using System.Net.Http.Json;
using System.Text.Json;
using BotPbx.Api.Hosting;
using BotPbx.TestSupport;
using BotPbx.TestSupport.Asterisk;
using Microsoft.Extensions.DependencyInjection;

namespace BotPbx.Api.IntegrationTests.Hosting;

/// <summary>With ARI credentials the service joins Asterisk as the botpbx Stasis application.</summary>
public sealed class AriHostingTests : IAsyncLifetime
{
    private const string StasisStartForNobody =
        """{"type":"StasisStart","timestamp":"2026-11-21T05:45:52.114+0000","args":["nobody","42"],"channel":{"id":"1795239952.7","name":"PJSIP/1001-00000003","state":"Ring","protocol_id":"","caller":{"name":"","number":"1001"},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"from-internal","exten":"6021","priority":1,"app_name":"Stasis","app_data":"botpbx,nobody,42"},"creationtime":"2026-11-21T05:45:52.110+0000","language":"en"},"asterisk_id":"02:42:ac:11:00:02","application":"botpbx"}""";

    private readonly FakeAriServer _ari = FakeAriServer.Start();
    private TestDatabase _database = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _ari.Respond("POST", "/ari/channels/1795239952.7/continue", FakeAriResponses.NoContent());
        _ari.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendTextAsync(StasisStartForNobody, ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        _database = await TestDatabase.CreateAsync();
        _api = await ApiFactory.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ARI_URL"] = _ari.BaseUrl.ToString(),
            ["ARI_USER"] = "botpbx",
            ["ARI_PASSWORD"] = "ari-secret-for-tests",
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _ari.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task It_subscribes_as_the_botpbx_application_with_basic_credentials()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var peer = await _ari.WaitForPeerAsync(0, timeout.Token);

        Assert.Equal("/ari/events", peer.Upgrade.Path);
        Assert.Equal("botpbx", peer.Upgrade.QueryValue("app"));
        Assert.Equal("Basic " + Convert.ToBase64String("botpbx:ari-secret-for-tests"u8.ToArray()), peer.Upgrade.Authorization);
    }

    [Fact]
    public async Task A_channel_no_feature_claims_is_sent_back_to_the_dialplan_instead_of_waiting_in_silence()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var requests = await _ari.WaitForRequestsAsync(
            all => all.Any(r => r.Method == "POST" && r.Path == "/ari/channels/1795239952.7/continue"), timeout.Token);

        Assert.Contains(requests, r => r.Path == "/ari/channels/1795239952.7/continue");
    }

    [Fact]
    public void A_channel_is_claimed_by_the_feature_mapped_on_its_first_Stasis_argument()
    {
        var router = new StasisRouter();
        StasisHandler agents = (_, _, _) => Task.CompletedTask;
        router.Map("agent", agents);

        Assert.True(router.TryGet(new BotPbx.Asterisk.Ari.StasisStartEvent { Args = ["agent", "7"] }, out var claimed));
        Assert.Same(agents, claimed);
        Assert.False(router.TryGet(new BotPbx.Asterisk.Ari.StasisStartEvent { Args = ["nobody"] }, out _));
        Assert.False(router.TryGet(new BotPbx.Asterisk.Ari.StasisStartEvent(), out _));
        Assert.Throws<ArgumentException>(() => router.Map("AGENT", agents));
    }

    [Fact]
    public void A_channel_a_feature_created_itself_is_left_to_it_whatever_its_arguments()
    {
        var channels = new BotPbx.Asterisk.Ari.AriChannelEventHub();
        var router = new StasisRouter([], channels);
        // An externalMedia channel enters Stasis with its UUID as the only argument.
        var media = new BotPbx.Asterisk.Ari.StasisStartEvent { Args = ["5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"], Channel = new() { Id = "botpbx-media-1" } };

        Assert.False(router.TryGet(media, out _));
        using (channels.Claim("botpbx-media-1")) Assert.True(router.TryGet(media, out _));
    }

    [Fact]
    public async Task The_status_shows_the_ARI_connection()
    {
        using var admin = await _api.SignInAsAdminAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _ari.WaitForPeerAsync(0, timeout.Token);

        JsonElement ari;
        do
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/api/system/status", timeout.Token);
            ari = status.GetProperty("asterisk").GetProperty("ari");
            if (ari.GetProperty("state").GetString() == "connected") break;
            await Task.Delay(50, timeout.Token);
        } while (true);

        Assert.Equal(_ari.BaseUrl.ToString(), ari.GetProperty("url").GetString());
        Assert.False(ari.TryGetProperty("password", out _));
    }
}

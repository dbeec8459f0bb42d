using System.Net;
using System.Net.Sockets;
using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>The error table of the fixtures README ("ARI" §3–4): every recorded error becomes an
/// <see cref="AriException"/> with the status code and Asterisk's message, whatever the reason phrase.</summary>
public sealed class AriRestErrorTests : IAsyncLifetime
{
    private readonly FakeAriServer server = FakeAriServer.Start();
    private AriClient ari = null!;

    public Task InitializeAsync()
    {
        server.RespondFromFixture(AriTestKit.Fixture("ari-stasis-call-rest"));
        ari = new AriClient(AriTestKit.Options(server));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ari.DisposeAsync();
        await server.DisposeAsync();
    }

    private static Task<AriException> Fails(Func<CancellationToken, Task> call) =>
        Assert.ThrowsAsync<AriException>(() => call(AriTestKit.Guard()));

    [Fact]
    public async Task Unknown_channel_is_404_channel_not_found()
    {
        var error = await Fails(ct => ari.Channels.GetAsync("no-such-channel", ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("Channel not found", error.AsteriskMessage);
        Assert.True(error.IsNotFound);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/channels/no-such-channel", error.Path);
    }

    [Fact]
    public async Task Unknown_bridge_is_404_even_with_the_lower_case_reason_phrase()
    {
        var error = await Fails(ct => ari.Bridges.DestroyAsync("no-such-bridge", ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("Bridge not found", error.AsteriskMessage);
    }

    [Fact]
    public async Task Answer_of_an_unknown_channel_is_404()
    {
        var error = await Fails(ct => ari.Channels.AnswerAsync("no-such-channel", ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Add_channel_errors_are_400_for_unknown_or_missing_and_422_outside_stasis()
    {
        var unknown = await Fails(ct => ari.Bridges.AddChannelAsync("fixture-bridge-1", ["no-such-channel"], ct));
        var notInStasis = await Fails(ct => ari.Bridges.AddChannelAsync("fixture-bridge-1", ["fixture-not-in-stasis"], ct));

        Assert.Equal((HttpStatusCode.BadRequest, "Channel not found"), (unknown.StatusCode, unknown.AsteriskMessage));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notInStasis.StatusCode);
        Assert.Equal("Channel not in Stasis application", notInStasis.AsteriskMessage);
        Assert.True(notInStasis.IsNotInStasis);
    }

    [Fact]
    public async Task Answer_and_play_outside_stasis_are_409()
    {
        var answer = await Fails(ct => ari.Channels.AnswerAsync("fixture-not-in-stasis", ct));
        var play = await Fails(ct => ari.Channels.PlayAsync("fixture-not-in-stasis", new PlayRequest { Media = ["sound:beep"] }, ct));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, play.StatusCode);
        Assert.True(answer.IsNotInStasis);
    }

    [Fact]
    public async Task Originate_without_an_endpoint_is_400()
    {
        // The request shape of the fixture (no endpoint at all) cannot be built through OriginateRequest, whose
        // Endpoint is required; an empty endpoint is sent as "endpoint=" and answered the same way.
        server.Respond("POST", "/ari/channels?endpoint=", ChannelsAnswer("POST /ari/channels HTTP"));

        var error = await Fails(ct => ari.Channels.OriginateAsync(new OriginateRequest { Endpoint = "" }, ct));

        Assert.Equal((HttpStatusCode.BadRequest, "Endpoint must be specified"), (error.StatusCode, error.AsteriskMessage));
    }

    [Fact]
    public async Task Play_without_media_is_500_not_400()
    {
        var error = await Fails(ct => ari.Channels.PlayAsync("1795239951.51", new PlayRequest { Media = [] }, ct));

        Assert.Equal("POST /ari/channels/1795239951.51/play", server.Requests[^1].ToString());
        Assert.Equal((HttpStatusCode.InternalServerError, "Failed to queue media for playback"), (error.StatusCode, error.AsteriskMessage));
    }

    [Fact]
    public async Task An_unknown_bridge_type_is_500_with_the_internal_error_reason_phrase()
    {
        var error = await Fails(ct => ari.Bridges.CreateAsync(ct, "no-such-type"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("Unable to create bridge. Possible duplicate bridge id '(null)'", error.AsteriskMessage);
    }

    [Fact]
    public async Task External_media_with_an_unknown_format_is_500()
    {
        // The recorded request left encapsulation/transport to Asterisk's defaults (rtp/udp), which we send explicitly.
        server.Respond("POST", "/ari/channels/externalMedia?app=test&external_host=127.0.0.1:9&format=nosuchformat&encapsulation=rtp&transport=udp",
            ChannelsAnswer("format=nosuchformat"));

        var error = await Fails(ct => ari.Channels.ExternalMediaAsync(new ExternalMediaRequest
        {
            App = "test", ExternalHost = "127.0.0.1:9", Format = "nosuchformat",
        }, ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("An internal error prevented this request from being handled", error.AsteriskMessage);
    }

    [Fact]
    public async Task A_json_body_asterisk_cannot_parse_is_400()
    {
        server.Respond("POST", "/ari/channels?endpoint=PJSIP/1002", ChannelsAnswer("\"variable\": \"X\", \"value\":"));

        var error = await Fails(ct => ari.Channels.OriginateAsync(new OriginateRequest
        {
            Endpoint = "PJSIP/1002", Variables = new Dictionary<string, string> { ["X"] = "1" },
        }, ct));

        Assert.Equal((HttpStatusCode.BadRequest, "Error parsing request body"), (error.StatusCode, error.AsteriskMessage));
    }

    [Fact]
    public async Task Bad_credentials_and_missing_credentials_are_401_on_the_same_keep_alive_connection()
    {
        var recorded = AriTestKit.Fixture("ari-http-401-bad-credentials").Exchanges();
        await using var refusing = FakeAriServer.Start();
        refusing.Respond("GET", "/ari/asterisk/info", recorded[0].Response);
        refusing.Respond("GET", "/ari/asterisk/info", recorded[1].Response);
        var options = AriTestKit.Options(refusing);
        options.Password = "wrong-password";
        await using var client = new AriClient(options);

        var first = await Assert.ThrowsAsync<AriException>(() => client.Asterisk.GetInfoAsync(AriTestKit.Guard()));
        var second = await Assert.ThrowsAsync<AriException>(() => client.Asterisk.GetInfoAsync(AriTestKit.Guard()));

        Assert.Contains("WWW-Authenticate: Basic realm=\"Asterisk REST Interface\"", recorded[0].ResponseText, StringComparison.Ordinal);
        Assert.All(new[] { first, second }, e =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
            Assert.Equal("Authentication required", e.AsteriskMessage);
            Assert.True(e.IsUnauthorized);
        });
        Assert.Equal("Basic Y2VvYXJpOndyb25nLXBhc3N3b3Jk", refusing.Requests[0].Authorization);
    }

    [Fact]
    public async Task Wrong_method_is_405_and_unknown_resource_is_404_resource_not_found()
    {
        var fixture = AriTestKit.Fixture("ari-stasis-call-rest");
        server.Respond("GET", "/ari/playbacks/gone", fixture.Exchanges().First(e => e.RequestLine.Target == "/ari/no/such/resource").Response);
        server.Respond("GET", "/ari/recordings/live/gone", fixture.Exchanges().First(e => e.RequestLine.Method == "PUT").Response);

        var missing = await Fails(ct => ari.Playbacks.GetAsync("gone", ct));
        var method = await Fails(ct => ari.Recordings.GetLiveAsync("gone", ct));

        Assert.Equal((HttpStatusCode.NotFound, "Resource not found"), (missing.StatusCode, missing.AsteriskMessage));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "Invalid method"), (method.StatusCode, method.AsteriskMessage));
    }

    [Fact]
    public async Task A_body_that_is_not_the_documented_json_is_a_transport_error()
    {
        server.Respond("GET", "/ari/asterisk/ping", FakeAriResponses.Json(200, "OK", "<html>proxy error</html>"));

        await Assert.ThrowsAsync<AriTransportException>(() => ari.Asterisk.PingAsync(AriTestKit.Guard()));
    }

    [Fact]
    public async Task A_non_json_error_body_is_kept_as_text()
    {
        // The first of the two 400s Asterisk sends for an upgrade without app= (text/html).
        var firstAnswer = AriTestKit.Fixture("ari-ws-upgrade-missing-app").Chunks.First(c => c.FromAsterisk).Bytes;
        server.Respond("GET", "/ari/asterisk/ping", firstAnswer);

        var error = await Fails(ct => ari.Asterisk.PingAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("HTTP request is missing param: [app]", error.AsteriskMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_that_never_answers_times_out_with_a_timeout_not_a_cancellation()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = new AriOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/ari"),
            Username = "u",
            RequestTimeout = TimeSpan.FromMilliseconds(300),
        };
        await using var client = new AriClient(options);

        Assert.IsAssignableFrom<TimeoutException>(await Assert.ThrowsAsync<AriTimeoutException>(() => client.Asterisk.PingAsync(AriTestKit.Guard())));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Asterisk.PingAsync(cancelled.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_transport_error()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var client = new AriClient(new AriOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/ari"), Username = "u" });

        await Assert.ThrowsAsync<AriTransportException>(() => client.Asterisk.PingAsync(AriTestKit.Guard()));
    }

    private static byte[] ChannelsAnswer(string marker) => AriChannelsRestTests.RecordedAnswer("ari-stasis-call-rest", marker);
}

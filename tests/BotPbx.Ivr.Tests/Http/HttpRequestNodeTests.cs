using BotPbx.Ivr.Http;
using BotPbx.Ivr.Tests.Support;
using BotPbx.Ivr.Tracing;
using static BotPbx.Ivr.Tests.Support.Flows;

namespace BotPbx.Ivr.Tests.Http;

public sealed class HttpRequestNodeTests : IDisposable
{
    private readonly IvrHarness _ivr;

    public HttpRequestNodeTests()
    {
        // The loopback test server is reachable only because this test setting allows it, as an admin would.
        var options = new IvrHttpOptions { MaxResponseBytes = 1024 };
        options.AllowedNetworks.Add("127.0.0.1/32");
        _ivr = new IvrHarness(http: options);
    }

    public void Dispose() => _ivr.Dispose();

    private static BotPbx.Ivr.Flow.IvrFlow Flow(object data) => WithEdges(
        [Node("start", "start"), Node("http", "httpRequest", data),
         Node("ok", "playMessage", new { prompt = Tts("Hello ${NAME}, you owe ${BALANCE}") }),
         Node("bad", "playMessage", new { prompt = Tts("Sorry: ${HTTP_STATUS}") })],
        Edge("start", "next", "http"), Edge("http", "success", "ok"), Edge("http", "error", "bad"));

    [Fact]
    public async Task A_successful_call_maps_json_fields_to_variables_and_follows_success()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """{"customer":{"name":"Ada","tags":["vip"]},"balance":12.5}"""));
        var channel = new FakeChannel("+49 30 123");
        var trace = await _ivr.RunAsync(Flow(new
        {
            method = "POST",
            url = server.BaseUrl + "/customers/${CALLERID}?src=ivr",
            headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t0k", ["X-Caller"] = "${CALLERID}" },
            body = """{"caller":"${CALLERID}","note":"${NOTE}"}""",
            mappings = new[] { new { variable = "NAME", path = "customer.name" }, new { variable = "BALANCE", path = "balance" },
                               new { variable = "TAG", path = "customer.tags[0]" }, new { variable = "NONE", path = "missing.field" } },
        }), channel);

        Assert.Contains("play prompt:Hello Ada, you owe 12.5", channel.Log);
        Assert.Equal(("vip", "", "200"), (trace.Variables["TAG"], trace.Variables["NONE"], trace.Variables["HTTP_STATUS"]));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/customers/%2B49%2030%20123?src=ivr"), (request.Method, request.Target));
        Assert.Equal("Bearer t0k", request.Headers["authorization"]);
        Assert.Equal("+49 30 123", request.Headers["x-caller"]);
        Assert.Equal("""{"caller":"+49 30 123","note":""}""", request.Body);
        Assert.Equal("POST http://127.0.0.1:" + new Uri(server.BaseUrl).Port + "/customers/%2B49%2030%20123 → 200", trace.Steps[1].Detail);
    }

    [Fact]
    public async Task A_caller_value_cannot_break_out_of_a_json_body()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "{}"));
        var channel = new FakeChannel("\",\"admin\":true,\"x\":\"");
        await _ivr.RunAsync(Flow(new { method = "POST", url = server.BaseUrl + "/", body = """{"caller":"${CALLERID}"}""" }), channel);
        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement;
        Assert.Single(body.EnumerateObject());
        Assert.Equal("\",\"admin\":true,\"x\":\"", body.GetProperty("caller").GetString());
    }

    [Fact]
    public async Task An_error_status_follows_error_with_the_status_in_a_variable()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(503, """{"error":"down"}"""));
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(Flow(new { method = "GET", url = server.BaseUrl + "/x" }), channel);
        Assert.Contains("play prompt:Sorry: 503", channel.Log);
        Assert.Equal("status 503", trace.Variables["HTTP_ERROR"]);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_follows_error()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "{}", Delay: TimeSpan.FromSeconds(10)));
        var channel = new FakeChannel();
        var trace = await _ivr.RunAsync(Flow(new { method = "GET", url = server.BaseUrl + "/slow", timeoutSeconds = 1 }), channel);
        Assert.Equal("error", trace.Steps[1].Handle);
        Assert.Equal(("0", "no response within 1 s"), (trace.Variables["HTTP_STATUS"], trace.Variables["HTTP_ERROR"]));
    }

    [Fact]
    public async Task A_response_over_the_size_limit_follows_error()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "\"" + new string('x', 5000) + "\""));
        var trace = await _ivr.RunAsync(Flow(new { method = "GET", url = server.BaseUrl + "/big" }), new FakeChannel());
        Assert.Equal("error", trace.Steps[1].Handle);
        Assert.Equal("response larger than 1024 bytes", trace.Variables["HTTP_ERROR"]);
    }

    [Fact]
    public async Task A_caller_hanging_up_during_the_request_cancels_it()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "{}", Delay: TimeSpan.FromSeconds(10)));
        var channel = new FakeChannel();
        channel.OnOperation = line => { if (line == "answer") channel.HangUpAfter(TimeSpan.FromMilliseconds(200)); };
        var trace = await _ivr.RunAsync(Flow(new { method = "GET", url = server.BaseUrl + "/slow", timeoutSeconds = 20 }), channel);
        Assert.Equal(IvrRunOutcome.CallerHungUp, trace.Outcome);
        Assert.Equal("httpRequest", trace.Steps[^1].Type);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/")]
    [InlineData("http://localhost:9/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[::1]:9/")]
    [InlineData("http://[::ffff:127.0.0.1]:9/")]
    public async Task Internal_addresses_are_refused_unless_an_admin_allowed_them(string url)
    {
        using var client = new IvrHttpClient(new IvrHttpOptions());
        var response = await client.SendAsync("GET", url, new Dictionary<string, string>(), null, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.False(response.IsSuccess);
        Assert.Contains("internal address", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_checked_again_and_refused()
    {
        // The allowed loopback server sends the request on to the cloud metadata address, the classic SSRF hop.
        var options = new IvrHttpOptions();
        options.AllowedNetworks.Add("127.0.0.1/32");
        await using var redirector = new LoopbackHttpServer(_ => new CannedResponse(302, "", Location: "http://169.254.169.254/latest/meta-data/"));
        using var client = new IvrHttpClient(options);
        var response = await client.SendAsync("GET", redirector.BaseUrl + "/", new Dictionary<string, string>(), null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Single(redirector.Requests);
        Assert.Equal("169.254.169.254 resolves to 169.254.169.254, an internal address that IVR HTTP requests may not reach.", response.Error);
    }

    [Fact]
    public async Task Redirects_are_followed_only_up_to_the_limit()
    {
        LoopbackHttpServer? self = null;
        await using var loop = self = new LoopbackHttpServer(r => new CannedResponse(302, "", Location: self!.BaseUrl + "/again"));
        var options = new IvrHttpOptions { MaxRedirects = 2 };
        options.AllowedNetworks.Add("127.0.0.1/32");
        using var client = new IvrHttpClient(options);
        var response = await client.SendAsync("GET", loop.BaseUrl + "/start", new Dictionary<string, string>(), null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(302, response.StatusCode);
        Assert.False(response.IsSuccess);
        Assert.Equal(3, loop.Requests.Count);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.15.0.1", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("2001:db8::1", true)]
    public void The_address_policy_knows_the_internal_ranges(string address, bool allowed)
    {
        Assert.Equal(allowed, new AddressPolicy([]).IsAllowed(System.Net.IPAddress.Parse(address)));
    }
}

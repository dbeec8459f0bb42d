using System.Net;
using BotPbx.Ivr.Http;
using BotPbx.Ivr.Tests.Support;

namespace BotPbx.Ivr.Tests.Http;

/// <summary>
/// Review items on the httpRequest node: IPv6 forms that carry an internal IPv4 address (NAT64, IPv4-compatible, 6to4)
/// and the node's own headers travelling on to another origin through a redirect.
/// </summary>
public sealed class HttpAddressAndRedirectTests
{
    [Theory]
    [InlineData("64:ff9b::7f00:1", false)]          // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", false)]       // NAT64 of 169.254.169.254 (cloud metadata)
    [InlineData("64:ff9b::808:808", true)]          // NAT64 of 8.8.8.8
    [InlineData("::7f00:1", false)]                 // IPv4-compatible 127.0.0.1
    [InlineData("::a00:1", false)]                  // IPv4-compatible 10.0.0.1
    [InlineData("::808:808", true)]                 // IPv4-compatible 8.8.8.8
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("2002:7f00:1::1", false)]           // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::", false)]          // 6to4 of 192.168.1.1
    [InlineData("2002:a9fe:a9fe::1", false)]        // 6to4 of 169.254.169.254
    [InlineData("2002:808:808::1", true)]           // 6to4 of 8.8.8.8
    [InlineData("64:ff9b:1::a00:1", false)]         // local-use NAT64: refused whole
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)] // Teredo: refused whole
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("2001:db8::1", true)]
    public void Ipv6_addresses_carrying_an_ipv4_address_are_judged_by_it(string address, bool allowed)
    {
        Assert.Equal(allowed, new AddressPolicy([]).IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_allowed_ipv4_network_also_allows_its_nat64_form()
    {
        Assert.True(new AddressPolicy(["10.0.0.0/8"]).IsAllowed(IPAddress.Parse("64:ff9b::a00:1")));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), AddressPolicy.EmbeddedIPv4(IPAddress.Parse("2002:a00:1::")));
        Assert.Null(AddressPolicy.EmbeddedIPv4(IPAddress.Parse("2001:db8::1")));
        Assert.Null(AddressPolicy.EmbeddedIPv4(IPAddress.Parse("8.8.8.8")));
    }

    [Theory]
    [InlineData("http://[64:ff9b::7f00:1]:9/")]
    [InlineData("http://[::7f00:1]:9/")]
    [InlineData("http://[2002:7f00:1::1]:9/")]
    public async Task A_url_with_such_an_address_is_refused_before_connecting(string url)
    {
        using var client = new IvrHttpClient(new IvrHttpOptions());
        var response = await client.SendAsync("GET", url, new Dictionary<string, string>(), null, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.Contains("internal address", response.Error, StringComparison.Ordinal);
    }

    private static IvrHttpClient LoopbackClient()
    {
        var options = new IvrHttpOptions();
        options.AllowedNetworks.Add("127.0.0.1/32");
        return new IvrHttpClient(options);
    }

    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["X-Api-Key"] = "key-123",
        ["Authorization"] = "Bearer token-456",
    };

    [Fact]
    public async Task Custom_headers_are_not_sent_on_to_another_origin()
    {
        await using var other = new LoopbackHttpServer(_ => new CannedResponse(200, "{}"));
        await using var first = new LoopbackHttpServer(_ => new CannedResponse(302, "", Location: other.BaseUrl + "/landed"));
        using var client = LoopbackClient();

        var response = await client.SendAsync("GET", first.BaseUrl + "/start", Secrets, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(response.IsSuccess, response.Error);
        Assert.Equal("key-123", Assert.Single(first.Requests).Headers["x-api-key"]);
        var landed = Assert.Single(other.Requests);
        Assert.Equal("/landed", landed.Target);
        Assert.False(landed.Headers.ContainsKey("x-api-key"));
        Assert.False(landed.Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Custom_headers_stay_on_a_same_origin_redirect()
    {
        LoopbackHttpServer? self = null;
        await using var server = self = new LoopbackHttpServer(r => r.Target == "/start"
            ? new CannedResponse(307, "", Location: self!.BaseUrl + "/moved")
            : new CannedResponse(200, "{}"));
        using var client = LoopbackClient();

        var response = await client.SendAsync("POST", server.BaseUrl + "/start", Secrets, "{\"a\":1}", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(response.IsSuccess, response.Error);
        Assert.Equal(2, server.Requests.Count);
        var moved = server.Requests[1];
        Assert.Equal(("POST", "/moved", "key-123", "{\"a\":1}"), (moved.Method, moved.Target, moved.Headers["x-api-key"], moved.Body));
    }

    [Fact]
    public async Task A_303_turns_the_request_into_a_get_without_a_body()
    {
        LoopbackHttpServer? self = null;
        await using var server = self = new LoopbackHttpServer(r => r.Target == "/start"
            ? new CannedResponse(303, "", Location: "/result")
            : new CannedResponse(200, "{}"));
        using var client = LoopbackClient();

        var response = await client.SendAsync("POST", server.BaseUrl + "/start", Secrets, "{\"a\":1}", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(response.IsSuccess, response.Error);
        Assert.Equal(("GET", "/result", ""), (server.Requests[1].Method, server.Requests[1].Target, server.Requests[1].Body));
    }
}

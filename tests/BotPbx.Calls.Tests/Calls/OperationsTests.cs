using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>What an administrator does while people are on the phone: apply changes, restart Asterisk.</summary>
[Collection(RealPbx.Name)]
public sealed class OperationsTests(PbxFixture pbx)
{
    [CallFact]
    public async Task Applying_a_change_while_a_call_is_up_leaves_the_call_up_with_audio_both_ways()
    {
        var alice = await pbx.CreateExtensionAsync("Alice apply");
        var bob = await pbx.CreateExtensionAsync("Bob apply");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice, toneHz: 440);
        await using var bobPhone = await pbx.PhoneAsync(bob, toneHz: 660);
        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        await bobPhone.WaitForEventAsync("CALL_ESTABLISHED");

        // A change that reloads PJSIP and the dialplan: a new extension and a ring group.
        var carol = await pbx.CreateExtensionAsync("Carol apply");
        await pbx.Api.PostAsync("api/ring-groups", new
        {
            number = pbx.NextNumber(),
            name = "Apply group " + carol.Number,
            strategy = "ringAll",
            memberExtensionIds = new[] { carol.Id, bob.Id },
        });
        var report = await pbx.Api.ApplyAsync();
        Assert.NotEmpty(report["changedFiles"]!.AsArray());
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.DoesNotContain(alicePhone.Control.History, e => e["type"]?.ToString() == "CALL_CLOSED");
        Assert.Contains("1 active call", await pbx.Asterisk.CliOutputAsync("core show channels count"), StringComparison.Ordinal);
        await alicePhone.HangUpAsync();
        await bobPhone.WaitForEventAsync("CALL_CLOSED");
        // Both heard each other for the whole call, after the apply too: the tone fills most of each recording.
        Assert.True(Tones.Presence(await alicePhone.HeardAsync(), 660) > 0.6, "Alice should hear Bob throughout");
        Assert.True(Tones.Presence(await bobPhone.HeardAsync(), 440) > 0.6, "Bob should hear Alice throughout");
    }

    [CallFact]
    public async Task Asterisks_REST_interface_answers_on_the_port_and_with_the_password_BotPBX_is_configured_with()
    {
        using var http = new HttpClient();
        var credentials = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("botpbx:" + pbx.AriPassword));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{pbx.Asterisk.HttpPort}/ari/asterisk/info"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", credentials);

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("22.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [CallFact]
    public async Task Asterisks_REST_interface_refuses_BotPBXs_password_from_any_address_but_loopback_127_0_0_1()
    {
        // The same request as above, sent from 127.0.0.2: the ARI user is limited to 127.0.0.1, so an HTTPS listener
        // that serves /ari to the network (WebRTC's WSS port) gives nobody else BotPBX's ARI (docs/security.md).
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler);
        var credentials = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("botpbx:" + pbx.AriPassword));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{pbx.Asterisk.HttpPort}/ari/asterisk/info"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", credentials);

        using var response = await http.SendAsync(request);

        // Asterisk 22 answers 403 for an ARI user's ACL, 401 for a wrong password: refused either way, never 200.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [CallFact]
    public async Task After_an_Asterisk_restart_BotPBX_reconnects_and_its_status_page_is_right_again()
    {
        var before = await pbx.Api.GetAsync("api/system/asterisk");
        var startedBefore = before["live"]!["startedAt"]!.ToString();

        await pbx.Asterisk.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await pbx.WaitForAmiAsync(TimeSpan.FromSeconds(60));

        var after = await pbx.Api.GetAsync("api/system/asterisk");
        Assert.Equal("connected", after["ami"]!["state"]!.ToString(), ignoreCase: true);
        Assert.NotEqual(startedBefore, after["live"]!["startedAt"]!.ToString());
        Assert.True(after["live"]!["uptimeSeconds"]!.GetValue<long>() < 60, "the status should show the new, short uptime");

        // And the PBX works again: phones register and call.
        var alice = await pbx.CreateExtensionAsync("Alice restart");
        var bob = await pbx.CreateExtensionAsync("Bob restart");
        await pbx.Api.ApplyAsync();
        await using var alicePhone = await pbx.PhoneAsync(alice);
        await using var bobPhone = await pbx.PhoneAsync(bob);
        await alicePhone.CallAsync(pbx.Uri(bob.Number));
        await alicePhone.HangUpAsync();
    }
}

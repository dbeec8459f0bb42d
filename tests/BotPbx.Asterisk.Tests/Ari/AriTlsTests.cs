using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BotPbx.Asterisk.Ari;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Ari;

/// <summary>https:// and wss:// against a self-signed certificate made here and served by SslStream on loopback
/// (Asterisk's http.conf <c>tlsenable=yes</c>, port 8089). Trusting it is explicit, never the default.</summary>
public sealed class AriTlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 certificate = SelfSigned(san: IPAddress.Loopback);
    private FakeAriServer server = null!;

    public Task InitializeAsync()
    {
        server = FakeAriServer.Start(certificate);
        server.RespondFromFixture(AriTestKit.Fixture("ari-asterisk-info"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        certificate.Dispose();
    }

    /// <summary>A certificate for 127.0.0.1 (or a DNS name), loaded back from PKCS#12 so SslStream can use its key.</summary>
    private static X509Certificate2 SelfSigned(IPAddress? san = null, string? dns = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=botpbx-test-asterisk", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (san is not null)
            names.AddIpAddress(san);
        if (dns is not null)
            names.AddDnsName(dns);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private AriOptions Options(X509Certificate2? trusted = null, bool skip = false)
    {
        var options = AriTestKit.Options(server);
        options.TrustedCertificate = trusted;
        options.DangerouslySkipCertificateValidation = skip;
        return options;
    }

    /// <summary>The public part only, as an operator would configure it (no private key).</summary>
    private static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    [Fact]
    public async Task By_default_a_self_signed_certificate_is_refused_for_rest_and_for_the_event_socket()
    {
        await using var ari = new AriClient(Options());
        var states = new AriStateRecorder(ari.Events);

        await Assert.ThrowsAsync<AriTransportException>(() => ari.Asterisk.GetInfoAsync(AriTestKit.Guard()));
        ari.Events.Start();
        var failed = await states.WaitForAsync(AriConnectionState.WaitingToReconnect, AriTestKit.Guard());

        Assert.IsType<AriTransportException>(failed.Error);
        Assert.Equal(0, ari.Events.ConnectionCount);
    }

    [Fact]
    public async Task A_trusted_certificate_works_for_https_and_wss()
    {
        using var trusted = PublicPart(certificate);
        server.EnqueueWebSocket(FakeAriWebSocketSession.Accept(async (peer, ct) =>
        {
            await peer.SendTextAsync("""{"type":"StasisEnd","application":"test","channel":{"id":"c1","name":"x","state":"Up"}}""", ct);
            await peer.ClientClosed.WaitAsync(ct);
        }));
        await using var ari = new AriClient(Options(trusted));

        var info = await ari.Asterisk.GetInfoAsync(AriTestKit.Guard());
        ari.Events.Start();
        var first = await ari.Events.Reader.ReadAsync(AriTestKit.Guard());

        Assert.Equal("22.10.1", info.System!.Version);
        Assert.IsType<StasisEndEvent>(first);
        Assert.All(server.Requests, r => Assert.Equal(AriTestKit.RecordedAuthorization, r.Authorization));
        Assert.Contains(server.Requests, r => r.IsWebSocketUpgrade && r.Path == "/ari/events");
    }

    [Fact]
    public async Task Trusting_another_certificate_does_not_trust_this_one()
    {
        using var other = SelfSigned(san: IPAddress.Loopback);
        using var otherPublic = PublicPart(other);
        await using var ari = new AriClient(Options(otherPublic));

        await Assert.ThrowsAsync<AriTransportException>(() => ari.Asterisk.GetInfoAsync(AriTestKit.Guard()));
    }

    [Fact]
    public async Task A_pinned_certificate_for_another_host_name_is_still_refused()
    {
        using var forOtherHost = SelfSigned(dns: "pbx.example.com");
        await using var otherServer = FakeAriServer.Start(forOtherHost);
        otherServer.RespondFromFixture(AriTestKit.Fixture("ari-asterisk-info"));
        var options = AriTestKit.Options(otherServer);
        using var pinned = PublicPart(forOtherHost);
        options.TrustedCertificate = pinned;
        await using var ari = new AriClient(options);

        await Assert.ThrowsAsync<AriTransportException>(() => ari.Asterisk.PingAsync(AriTestKit.Guard()));
    }

    [Fact]
    public async Task Skipping_validation_is_possible_when_asked_for_explicitly()
    {
        await using var ari = new AriClient(Options(skip: true));

        var ping = await ari.Asterisk.PingAsync(AriTestKit.Guard());

        Assert.Equal("pong", ping.Ping);
    }
}

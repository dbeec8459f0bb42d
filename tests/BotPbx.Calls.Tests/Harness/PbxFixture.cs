using System.Globalization;
using System.Security.Cryptography;
using BotPbx.TestSupport;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// One PBX for the whole run, started the way install.sh starts a machine: a database, the BotPBX service, its
/// render-only step, then Asterisk, to which the service connects over AMI. Every port is a free loopback port.
/// Tests share it one at a time (one collection) and each creates the extensions, trunks and routes it needs.
/// </summary>
public sealed class PbxFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private int _nextNumber = 2000;

    public AsteriskRoot Root { get; } = AsteriskRoot.Locate();
    public string WorkDirectory { get; } = CreateWorkDirectory();
    public TestAsterisk Asterisk { get; private set; } = null!;
    public BotPbxService Api { get; private set; } = null!;
    public int SipPort { get; private set; }
    public string AriPassword { get; } = Secret();
    /// <summary>The run's database (a superuser connection): tests read what the call log wrote.</summary>
    public string DatabaseConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("not initialised");
    /// <summary>Where phones send SIP: <c>127.0.0.1:port</c>.</summary>
    public string SipAddress => "127.0.0.1:" + SipPort.ToString(CultureInfo.InvariantCulture);
    /// <summary>The service's database, for tests that check what it saved (AI agent conversations).</summary>
    public string DatabaseUrl => _database?.ConnectionString ?? throw new InvalidOperationException("The PBX is not started.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var (cdrUser, cdrPassword) = await _database.CreateCdrWriterRoleAsync();
        var amiPort = Ports.FreeTcp();
        var httpPort = Ports.FreeTcp();
        SipPort = Ports.FreeUdpAndTcp();
        Asterisk = new TestAsterisk(Root, WorkDirectory, amiPort, httpPort);
        Asterisk.Prepare();

        var environment = new Dictionary<string, string>
        {
            ["BOTPBX_DATABASE_URL"] = _database.ConnectionString,
            // Asterisk's cdr_pgsql writes the call log as this INSERT-only role, as on an installed machine.
            ["CDR_DB_USER"] = cdrUser,
            ["CDR_DB_PASSWORD"] = cdrPassword,
            ["BOTPBX_DATA_DIR"] = Path.Combine(WorkDirectory, "botpbx"),
            // The built SPA when there is one, so tests can drive the UI in a real browser (Harness/Browser.cs).
            ["BOTPBX_STATIC_DIR"] = Browser.Requirements() is null ? Browser.SpaDirectory : Path.Combine(WorkDirectory, "no-spa"),
            ["AMI_HOST"] = "127.0.0.1",
            ["AMI_PORT"] = amiPort.ToString(CultureInfo.InvariantCulture),
            ["AMI_USER"] = "botpbx",
            ["AMI_SECRET"] = Secret(),
            ["ARI_URL"] = $"http://127.0.0.1:{httpPort}/ari",
            ["ARI_USER"] = "botpbx",
            ["ARI_PASSWORD"] = AriPassword,
            ["AGI_HOST"] = "127.0.0.1",
            ["AGI_PORT"] = Ports.FreeTcp().ToString(CultureInfo.InvariantCulture),
            ["AUDIOSOCKET_HOST"] = "127.0.0.1",
            ["AUDIOSOCKET_PORT"] = Ports.FreeTcp().ToString(CultureInfo.InvariantCulture),
            ["ASTERISK_CONFIG_DIR"] = Asterisk.EtcDirectory,
            ["ASTERISK_SPOOL"] = Asterisk.SpoolDirectory,
            ["ASTERISK_SOUNDS"] = Path.Combine(WorkDirectory, "sounds"),
            ["ASTERISK_RECORDING"] = Path.Combine(Asterisk.SpoolDirectory, "recording"),
            // The IVR's prompt, recording and message folders are not set: they follow ASTERISK_SOUNDS and
            // ASTERISK_SPOOL, as on an installed machine, so the calls prove Asterisk finds what BotPBX writes there.
            ["Auth__LoginAttemptsPerAccount"] = "1000",
            ["Auth__LoginAttemptsPerIp"] = "1000",
        };
        Api = new BotPbxService(environment, Ports.FreeTcp(), Path.Combine(WorkDirectory, "botpbx.log"));
        await Api.StartAsync();

        // SIP on loopback only, on this run's ports; no TCP/TLS/WSS listeners the tests do not use.
        var rtp = Ports.FreeUdpRange("127.0.0.1", 400);
        await Api.PutAsync("api/sip-settings", new
        {
            bindAddress = "127.0.0.1",
            udpPort = SipPort,
            tcpPort = 0,
            tlsPort = 0,
            wssPort = 0,
            localNetworks = Array.Empty<string>(),
            rtpStart = rtp,
            rtpEnd = rtp + 399,
            extensionCodecs = new[] { "ulaw", "alaw" },
        });
        await Api.RenderAsteriskConfigAsync();
        await Asterisk.StartAsync();
        await WaitForAmiAsync(TimeSpan.FromSeconds(30));
        // The first apply over AMI, as the Apply button does: from here on the PBX is what BotPBX says it is.
        await Api.ApplyAsync();
    }

    /// <summary>Waits until the service reports its AMI connection up (GET /api/system/asterisk).</summary>
    public async Task WaitForAmiAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            var status = await Api.GetAsync("api/system/asterisk");
            state = status.ToJsonString();
            if (string.Equals(status["ami"]?["state"]?.ToString(), "connected", StringComparison.OrdinalIgnoreCase) && status["live"] is not null) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"BotPBX did not connect to Asterisk over AMI within {limit} (status {state})");
    }

    private int _nextCarrier = 1;

    /// <summary>A loopback address no other carrier of this run uses (trunks are told apart by source address).</summary>
    public string NextCarrierAddress() => "127.0.1." + Interlocked.Increment(ref _nextCarrier).ToString(CultureInfo.InvariantCulture);

    /// <summary>An extension number no other test uses.</summary>
    public string NextNumber() => Interlocked.Increment(ref _nextNumber).ToString(CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        if (Asterisk is not null) await Asterisk.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        // The work folder stays when a run failed, for its logs; ./test.sh copies it into the artifacts.
        if (Environment.GetEnvironmentVariable("BOTPBX_KEEP_CALL_WORKDIR") is null or "" or "0")
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a phone that has not quite exited: leave it for the OS's temp cleaner.
            }
        }
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static string CreateWorkDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "botpbx-calls-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class RealPbx : ICollectionFixture<PbxFixture>
{
    public const string Name = "real PBX";
}

using BotPbx.TestSupport;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Api.IntegrationTests.Telephony;

/// <summary>
/// The API with a scripted AMI peer standing in for Asterisk and a temporary ASTERISK_CONFIG_DIR. Reload answers are
/// scripted per module through <see cref="ReloadAnswers"/> (default: <c>Module Reloaded</c>).
/// </summary>
public class TelephonyFixture : IAsyncLifetime
{
    public const string AmiSecret = "ami-Secret-for-tests-123";

    public TelephonyFixture()
    {
        Ami = FakeAmiServer.Start(new FakeAmiServerOptions { Username = "botpbx", Secret = AmiSecret });
        Ami.Handler = request =>
        {
            if (request.IsAction("PJSIPShowRegistrationsOutbound"))
                return FakeAmiReplies.EventList(request, "OutboundRegistrationDetailComplete", Registrations.Select(r =>
                    FakeAmiReplies.Event("OutboundRegistrationDetail", ("ObjectType", "registration"), ("ObjectName", r.Key), ("Status", r.Value))).ToList());
            if (request.IsAction("PJSIPShowContacts"))
                return FakeAmiReplies.EventList(request, "ContactListComplete", Registrations.Select(r =>
                    FakeAmiReplies.Event("ContactList", ("ObjectType", "contact"), ("ObjectName", r.Key + ";@1a2b"), ("Status", "Reachable"), ("RoundtripUsec", "12000"))).ToList());
            // Live facts as recorded in fixtures ami-ping-coresettings-corestatus and ami-command-output.
            if (request.IsAction("CoreSettings")) return [FakeAmiReplies.Success(request, ("AMIversion", "11.0.0"), ("AsteriskVersion", "22.10.1"))];
            if (request.IsAction("CoreStatus"))
                return [FakeAmiReplies.Success(request, ("CoreStartupDate", "2026-11-21"), ("CoreStartupTime", "05:39:33"), ("CoreCurrentCalls", "0"))];
            if (request.IsAction("Command"))
                return [FakeAmiReplies.CommandOutput(request, request["Command"] == "core show uptime seconds" ? "System uptime: 221" : "42 modules loaded")];
            if (request.IsAction("PJSIPShowEndpoints")) return FakeAmiReplies.EventList(request, "EndpointListComplete", []);
            if (!request.IsAction("Reload")) return null;
            var answer = ReloadAnswers.TryGetValue(request["Module"] ?? "", out var queue) && queue.TryDequeue(out var next) ? next : "Module Reloaded";
            return [answer == "Module Reloaded" ? FakeAmiReplies.Success(request, ("Message", answer)) : FakeAmiReplies.Error(request, answer)];
        };
    }

    public FakeAmiServer Ami { get; }

    public string AsteriskDir { get; } = Path.Combine(Path.GetTempPath(), "botpbx-asterisk-" + Guid.NewGuid().ToString("N"));

    public string BotPbxDir => Path.Combine(AsteriskDir, "botpbx");

    /// <summary>pjsip outbound registrations the peer reports (section → status); each also gets a reachable contact.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Registrations { get; } = new();

    public System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<string>> ReloadAnswers { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    /// <summary>The settings the API starts with; a derived fixture may add to them.</summary>
    protected virtual Dictionary<string, string?> Settings => new()
    {
        ["ASTERISK_CONFIG_DIR"] = AsteriskDir,
        ["ASTERISK_SOUNDS"] = Path.Combine(AsteriskDir, "lib", "sounds"),
        ["AMI_HOST"] = Ami.Host,
        ["AMI_PORT"] = Ami.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AMI_USER"] = "botpbx",
        ["AMI_SECRET"] = AmiSecret,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(AsteriskDir);
        Database = await TestDatabase.CreateAsync();
        Api = await ApiFactory.StartAsync(Database.ConnectionString, Settings);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
        await Ami.DisposeAsync();
        if (Directory.Exists(AsteriskDir)) Directory.Delete(AsteriskDir, recursive: true);
    }
}

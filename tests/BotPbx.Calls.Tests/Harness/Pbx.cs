using System.Text.Json.Nodes;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>What a test creates through the REST API, as an administrator would in the UI.</summary>
public sealed record ExtensionInfo(long Id, string Number, string Secret);

public static class PbxExtensions
{
    /// <summary>Creates an extension (voicemail off unless asked) and returns its number and generated password.</summary>
    public static async Task<ExtensionInfo> CreateExtensionAsync(this PbxFixture pbx, string? name = null, object? voicemail = null,
        Action<JsonObject>? customize = null)
    {
        var number = pbx.NextNumber();
        var body = new JsonObject
        {
            ["number"] = number,
            ["name"] = name ?? "Phone " + number,
            ["voicemail"] = voicemail is null ? new JsonObject { ["enabled"] = false } : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(voicemail)),
        };
        customize?.Invoke(body);
        var created = await pbx.Api.PostAsync("api/extensions", body);
        return new ExtensionInfo(created["extension"]!["id"]!.GetValue<long>(), number, created["secret"]!.GetValue<string>());
    }

    /// <summary>A desk phone registered as <paramref name="extension"/>, playing <paramref name="toneHz"/> into its calls.</summary>
    public static Task<Phone> PhoneAsync(this PbxFixture pbx, ExtensionInfo extension, double toneHz = 440, string? sayWav = null,
        bool autoAnswer = true) =>
        Phone.StartAsync(pbx.Root, pbx.WorkDirectory, new Phone.Options
        {
            Name = "ext" + extension.Number,
            Aor = $"sip:{extension.Number}@{pbx.SipAddress}",
            Password = extension.Secret,
            Registrar = pbx.SipAddress,
            ToneHz = toneHz,
            SayWav = sayWav,
            AutoAnswer = autoAnswer,
        });

    /// <summary>A trunk to a carrier at <paramref name="address"/>:<paramref name="port"/>, identified by that address.</summary>
    public static async Task<long> CreateTrunkAsync(this PbxFixture pbx, string name, string address, int port)
    {
        var trunk = await pbx.Api.PostAsync("api/trunks", new
        {
            name,
            provider = "custom",
            host = address,
            port,
            transport = "udp",
            register = false,
            codecs = new[] { "ulaw", "alaw" },
            dtmfMode = "rfc4733",
            qualify = false,
            inboundMatch = new[] { address },
            enabled = true,
        });
        return trunk["id"]!.GetValue<long>();
    }

    /// <summary>A carrier's phone: baresip on <paramref name="address"/> that does not register (the trunk knows it by address).</summary>
    public static Task<Phone> CarrierPhoneAsync(this PbxFixture pbx, string address, double toneHz = 880, string? sayWav = null) =>
        Phone.StartAsync(pbx.Root, pbx.WorkDirectory, new Phone.Options
        {
            Name = "carrier-" + address,
            Aor = $"sip:carrier@{address}",
            Address = address,
            ToneHz = toneHz,
            SayWav = sayWav,
        });

    /// <summary>
    /// A headless chromium on the SPA this PBX's service serves, signed in as <paramref name="email"/> (the run's
    /// administrator when null), its fake microphone playing <paramref name="toneHz"/>.
    /// </summary>
    public static async Task<Browser> BrowserAsync(this PbxFixture pbx, string name, double toneHz = 660, string? email = null, string? password = null)
    {
        var browser = await Browser.StartAsync(pbx.WorkDirectory, pbx.Api.BaseAddress, new Browser.Options { Name = name, ToneHz = toneHz });
        try
        {
            await browser.LoginAsync(email ?? BotPbxService.AdminEmail, password ?? pbx.Api.AdminPassword);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    /// <summary>The SIP URI a phone dials to reach <paramref name="number"/> on the PBX.</summary>
    public static string Uri(this PbxFixture pbx, string number) => $"sip:{number}@{pbx.SipAddress}";
}

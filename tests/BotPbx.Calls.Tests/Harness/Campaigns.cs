using System.Globalization;
using System.Text.Json.Nodes;
using BotPbx.Calls.Tests.Audio;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// Outbound campaigns in real-call tests: a callee is a baresip phone (or SIPp carrier) on its own carrier address,
/// reached through a trunk that points at it, as a provider's network would deliver the call.
/// </summary>
public static class Campaigns
{
    /// <summary>
    /// A subscriber line: a SIPp carrier on a new loopback address and a trunk to it, so the campaign dials it as it
    /// would a provider. (baresip 1.1 refuses calls to any user but its own contact user, "UA not found", so a
    /// callee reached through a trunk is SIPp, which answers, rings or refuses as scripted and speaks a wav.)
    /// </summary>
    public static async Task<(Carrier Carrier, long TrunkId)> SubscriberAsync(this PbxFixture pbx, Func<string, Task<Carrier>> start)
    {
        var address = pbx.NextCarrierAddress();
        var carrier = await start(address);
        var trunk = await pbx.CreateTrunkAsync("Subscriber " + address.Replace('.', '-'), address, carrier.Port);
        return (carrier, trunk);
    }

    /// <summary>Speech (flite) followed by silence, so the phone says it once and then stays quiet (baresip's aufile loops).</summary>
    public static async Task<string> SpeechThenSilenceAsync(PbxFixture pbx, string text, TimeSpan silence, double beepHz = 0)
    {
        var speech = Wav.Read(await Speech.SayAsync(pbx, text));
        var beep = beepHz > 0 ? Tones.Sine(beepHz, TimeSpan.FromMilliseconds(400)) : [];
        var samples = speech.Concat(new short[Wav.SampleRate / 4]).Concat(beep).Concat(new short[(int)(silence.TotalSeconds * Wav.SampleRate)]).ToArray();
        var path = Path.Combine(pbx.WorkDirectory, "speech", Guid.NewGuid().ToString("N")[..8] + "-then-silence.wav");
        Wav.Write(path, samples);
        return path;
    }

    /// <summary>Creates a campaign open all day, every day, with the given overrides, and returns its id.</summary>
    public static async Task<long> CreateCampaignAsync(this PbxFixture pbx, string name, long trunkId, object onAnswer, Action<JsonObject>? customize = null)
    {
        var body = new JsonObject
        {
            ["name"] = name + " " + pbx.NextNumber(),
            ["callerId"] = "+15550001111",
            ["trunkId"] = trunkId,
            ["schedule"] = new JsonObject
            {
                ["start"] = "00:00", ["end"] = "00:00", ["timeZone"] = "UTC",
                ["days"] = new JsonArray("sun", "mon", "tue", "wed", "thu", "fri", "sat"),
            },
            ["concurrentCalls"] = 2,
            ["callsPerMinute"] = 60,
            ["answerTimeoutSeconds"] = 15,
            ["retry"] = new JsonObject { ["attempts"] = 0, ["noAnswerDelaySeconds"] = 60, ["busyDelaySeconds"] = 60, ["failedDelaySeconds"] = 60 },
            ["onAnswer"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(onAnswer)),
        };
        customize?.Invoke(body);
        var created = await pbx.Api.PostAsync("api/campaigns", body);
        return created["id"]!.GetValue<long>();
    }

    /// <summary>A number libphonenumber accepts as a real US number, unique in this run.</summary>
    public static string NextE164(this PbxFixture pbx) =>
        "+1212555" + (1000 + int.Parse(pbx.NextNumber(), CultureInfo.InvariantCulture) % 9000).ToString(CultureInfo.InvariantCulture);

    public static async Task<JsonObject> WaitForStatsAsync(this PbxFixture pbx, long campaignId, Func<JsonObject, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        JsonObject stats = [];
        while (DateTime.UtcNow < deadline)
        {
            stats = await pbx.Api.GetAsync($"api/campaigns/{campaignId}/stats");
            if (done(stats)) return stats;
            await Task.Delay(250);
        }
        throw new TimeoutException($"campaign {campaignId} did not get there within {limit}: {stats.ToJsonString()}");
    }

    public static async Task<JsonArray> ContactsAsync(this PbxFixture pbx, long campaignId) =>
        (JsonArray)(await pbx.Api.GetAsync($"api/campaigns/{campaignId}/contacts?limit=500"))["items"]!;

    public static async Task<JsonArray> AttemptsAsync(this PbxFixture pbx, long campaignId, long contactId)
    {
        using var response = await pbx.Api.Http.GetAsync(new Uri($"api/campaigns/{campaignId}/contacts/{contactId}/attempts", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static long Number(this JsonNode node, string key) => node[key]!.GetValue<long>();
}

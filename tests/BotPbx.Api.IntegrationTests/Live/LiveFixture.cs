using System.Collections.Concurrent;
using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Api.IntegrationTests.Live;

/// <summary>
/// The API with a scripted Asterisk whose live lists (CoreShowChannels, QueueStatus, ExtensionStateList, DBGet) a test
/// fills, and which pushes AMI events in Asterisk 22's wire format (as recorded in the fixtures).
/// </summary>
public sealed class LiveFixture : TelephonyFixture
{
    public LiveFixture()
    {
        var inner = Ami.Handler;
        Ami.Handler = request =>
        {
            if (request.IsAction("CoreShowChannels")) return FakeAmiReplies.EventList(request, "CoreShowChannelsComplete", [.. Channels.Values]);
            if (request.IsAction("QueueStatus")) return FakeAmiReplies.EventList(request, "QueueStatusComplete", []);
            if (request.IsAction("ExtensionStateList")) return FakeAmiReplies.EventList(request, "ExtensionStateListComplete", []);
            if (request.IsAction("DBGet"))
            {
                return Dnd.TryGetValue(request["Key"] ?? "", out var value)
                    ? FakeAmiReplies.EventList(request, "DBGetComplete", [FakeAmiReplies.Event("DBGetResponse", ("Family", "BOTPBX"), ("Key", request["Key"]!), ("Val", value))])
                    : [FakeAmiReplies.Error(request, "Database entry not found")];
            }
            return inner?.Invoke(request);
        };
    }

    /// <summary>CoreShowChannel items Asterisk reports, by Uniqueid.</summary>
    public ConcurrentDictionary<string, string> Channels { get; } = new();

    /// <summary>AstDB BOTPBX keys ("1001/dnd" → "1").</summary>
    public ConcurrentDictionary<string, string> Dnd { get; } = new();

    public Task PushAsync(string rawEvent) => Ami.PushEventAsync(rawEvent, CancellationToken.None);

    public static string Newchannel(string channel, string uniqueid, string linkedid, string state, string callerId, string exten) => FakeAmiReplies.Event("Newchannel",
        ("Privilege", "call,all"), ("Channel", channel), ("ChannelState", state == "Up" ? "6" : "4"), ("ChannelStateDesc", state),
        ("CallerIDNum", callerId), ("CallerIDName", "Phone " + callerId), ("ConnectedLineNum", "<unknown>"), ("ConnectedLineName", "<unknown>"),
        ("Language", "en"), ("AccountCode", ""), ("Context", "botpbx-internal"), ("Exten", exten), ("Priority", "1"),
        ("Uniqueid", uniqueid), ("Linkedid", linkedid));

    public static string Dial(string name, string callerUniqueid, string calleeUniqueid, string linkedid, string status) => FakeAmiReplies.Event(name,
        ("Privilege", "call,all"), ("Uniqueid", callerUniqueid), ("Linkedid", linkedid), ("DestUniqueid", calleeUniqueid), ("DestLinkedid", linkedid),
        ("DialStatus", status));

    public static string Hangup(string channel, string uniqueid, string linkedid) => FakeAmiReplies.Event("Hangup",
        ("Privilege", "call,all"), ("Channel", channel), ("ChannelStateDesc", "Up"), ("Uniqueid", uniqueid), ("Linkedid", linkedid), ("Cause", "16"),
        ("Cause-txt", "Normal Clearing"));

    public static string Hint(string exten, int status, string text) => FakeAmiReplies.Event("ExtensionStatus",
        ("Privilege", "call,all"), ("Exten", exten), ("Context", "botpbx-extensions"), ("Hint", "PJSIP/" + exten),
        ("Status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("StatusText", text));

    public static string CoreShowChannel(string channel, string uniqueid, string linkedid, string callerId, string exten) => FakeAmiReplies.Event("CoreShowChannel",
        ("Channel", channel), ("ChannelState", "6"), ("ChannelStateDesc", "Up"), ("CallerIDNum", callerId), ("CallerIDName", "Phone " + callerId),
        ("ConnectedLineNum", ""), ("ConnectedLineName", ""), ("Language", "en"), ("AccountCode", ""), ("Context", "botpbx-internal"), ("Exten", exten),
        ("Priority", "1"), ("Uniqueid", uniqueid), ("Linkedid", linkedid), ("Application", "Dial"), ("ApplicationData", "PJSIP/x,30"),
        ("Duration", "00:00:07"), ("BridgeId", "b-1"));
}

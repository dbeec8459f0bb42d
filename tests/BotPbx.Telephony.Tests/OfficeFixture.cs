using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Tests;

/// <summary>A realistic small office: 10 extensions, 2 trunks, 3 inbound and 2 outbound routes, 2 queues, a ring
/// group, a time condition and a conference. Secrets are fixed so the golden files are stable.</summary>
public static class OfficeFixture
{
    public static RenderOptions Options { get; } = new()
    {
        AmiSecret = "ami-Secret-0123456789",
        AriSecret = "ari-Secret-0123456789",
        VoicemailFromAddress = "pbx@example.com",
        CdrDatabase = new CdrDatabase { Port = 5433, Password = "cdr-Secret-0123456789" },
    };

    public static PbxConfiguration Build()
    {
        string[] names = ["Alice Adams", "Bob Brown", "Carol Chen", "Dan Diaz", "Eve Evans", "Frank Ford", "Grace Gill", "Hank Hill", "Ivy Irwin", "Jack Jones"];
        var extensions = names.Select((name, i) => new Extension
        {
            Id = i + 1,
            Number = (1001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = name,
            Secret = "Secret-" + (1001 + i) + "-abcdefgh",
            Email = name.Split(' ')[0].ToLowerInvariant() + "@example.com",
            Voicemail = new VoicemailSettings { Pin = "4" + (1001 + i), EmailNotification = i % 2 == 0 },
            OutboundCallerId = "+12125550100",
        }).ToList();
        extensions[0] = extensions[0] with
        {
            Recording = RecordingPolicy.Always,
            FollowMe = [new FollowMeStep("+12125559876", 20), new FollowMeStep("1002", 15)],
        };
        extensions[1] = extensions[1] with { Recording = RecordingPolicy.OnDemand, CallWaiting = false, WebRtc = true, WebRtcSecret = "Web-1002-abcdefghij", MaxDevices = 5 };
        extensions[2] = extensions[2] with { DoNotDisturb = true, Forwarding = new CallForwarding { Busy = "1004", NoAnswer = "+12125550199" } };
        extensions[9] = extensions[9] with { Voicemail = new VoicemailSettings { Enabled = false }, OutboundCallerId = "" };

        return new PbxConfiguration
        {
            Sip = new SipSettings
            {
                ExternalSignalingAddress = "203.0.113.10", ExternalMediaAddress = "203.0.113.10",
                LocalNetworks = ["192.168.1.0/24", "10.0.0.0/8"], TlsPort = 5061, StunServer = "stun.example.net:3478",
            },
            Extensions = extensions,
            Trunks =
            [
                new Trunk
                {
                    Id = 1, Name = "Telnyx", Provider = "telnyx", Host = "sip.telnyx.com", Register = true,
                    Username = "office-user", Password = "Tr0nk-pass", Codecs = ["opus", "ulaw", "alaw"],
                },
                new Trunk
                {
                    Id = 2, Name = "Twilio Backup", Provider = "twilio", Host = "office.sip.twilio.com", Transport = SipTransport.Tls,
                    Port = 5061, OutboundProxy = "sip.twilio.com", Username = "twilio-user", AuthUsername = "twilio-auth",
                    Password = "Tw1lio-pass", DtmfMode = DtmfMode.Auto, T38 = true, FromDomain = "office.sip.twilio.com",
                    InboundMatch = ["54.172.60.0/30", "54.244.51.0/30"], QualifySeconds = 30,
                },
            ],
            Queues =
            [
                new CallQueue
                {
                    Id = 1, Number = "600", Name = "Sales", Strategy = QueueStrategy.RingAll,
                    Members = [new QueueMember(1), new QueueMember(2), new QueueMember(3, 1)],
                    PeriodicAnnounce = "queue-periodic-announce", TimeoutDestination = Destination.To(DestinationType.Voicemail, 1),
                },
                new CallQueue
                {
                    Id = 2, Number = "601", Name = "Support", Strategy = QueueStrategy.RoundRobinMemory, WrapUpSeconds = 10,
                    Members = [new QueueMember(4), new QueueMember(5)], MohClass = "office", AnnounceHoldTime = true,
                    JoinEmpty = false, LeaveWhenEmpty = true, MaxWaitSeconds = 0,
                },
            ],
            RingGroups =
            [
                new RingGroup
                {
                    Id = 1, Number = "700", Name = "Front Desk", Strategy = RingStrategy.Hunt, RingSeconds = 15,
                    MemberExtensionIds = [6, 7, 8], NoAnswerDestination = Destination.To(DestinationType.Queue, 1),
                },
            ],
            Conferences = [new Conference { Id = 1, Number = "800", Name = "Board Room", Pin = "1234", AdminPin = "9876", MaxMembers = 20, Record = true }],
            MohClasses = [new MohClass { Id = 1, Name = "office", Sort = MohSort.Alpha }],
            TimeConditions =
            [
                new TimeCondition
                {
                    Id = 1, Name = "Business Hours", TimeZone = "America/New_York",
                    Ranges = [new WeeklyRange(WeekDay.Mon, WeekDay.Fri, "09:00", "17:00"), new WeeklyRange(WeekDay.Sat, WeekDay.Sat, "10:00", "14:00")],
                    Holidays = [new Holiday("Christmas", 12, 24, 26), new Holiday("New Year", 1, 1, 1)],
                    Open = new Destination(DestinationType.Ivr, "12"),
                    Closed = Destination.To(DestinationType.Voicemail, 1),
                },
            ],
            InboundRoutes =
            [
                new InboundRoute { Id = 1, Name = "Main number", Did = "+12125550100", Destination = Destination.To(DestinationType.TimeCondition, 1) },
                new InboundRoute { Id = 2, Name = "Support line", Did = "2125550101", TrunkId = 1, Destination = Destination.To(DestinationType.Queue, 2) },
                new InboundRoute { Id = 3, Name = "VIP callers", Did = "+12125550100", CallerIdPattern = "_212555XXXX", Destination = new Destination(DestinationType.AiAgent, "7") },
            ],
            OutboundRoutes =
            [
                new OutboundRoute
                {
                    Id = 1, Name = "US calls", Position = 1, Patterns = ["_9NXXNXXXXXX", "_91NXXNXXXXXX"], Strip = 1, Prepend = "+1",
                    TrunkIds = [1, 2], EmergencyNumbers = ["911", "112"],
                },
                new OutboundRoute
                {
                    Id = 2, Name = "International", Position = 2, Patterns = ["9011."], Strip = 4, Prepend = "+",
                    TrunkIds = [2], AllowedExtensionIds = [1, 2], CallerIdOverride = "+12125550100",
                },
            ],
            IvrIds = ["12"],
            AiAgentIds = ["7"],
            AiAgentNumbers = [new AiAgentNumber("7", "7000")],
        };
    }
}

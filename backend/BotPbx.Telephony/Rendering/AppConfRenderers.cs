using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

internal static class QueuesRenderer
{
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("queues.conf");
        foreach (var q in index.Queues)
        {
            file.Section(q.Number, "queue " + q.Name)
                .Set("strategy", Strategy(q.Strategy))
                .Set("timeout", q.MemberTimeoutSeconds).Set("retry", q.RetrySeconds).Set("weight", q.Weight)
                .Set("wrapuptime", q.WrapUpSeconds)
                .Set("musicclass", q.MohClass)
                .Set("announce-frequency", q.AnnounceFrequencySeconds)
                .Set("announce-position", q.AnnouncePosition)
                .Set("announce-holdtime", q.AnnounceHoldTime)
                .Set("joinempty", q.JoinEmpty)
                .Set("leavewhenempty", q.LeaveWhenEmpty)
                .Set("ringinuse", false)
                .Set("setinterfacevar", true);
            if (q.PeriodicAnnounce.Length > 0)
                file.Set("periodic-announce", q.PeriodicAnnounce).Set("periodic-announce-frequency", q.PeriodicAnnounceFrequencySeconds);
            // member => interface,penalty,membername,state_interface. Local/…@botpbx-device rings every device of the
            // extension; the state interface lets app_queue see the phone's real busy/idle state.
            foreach (var m in q.Members.Select(m => (Member: m, Number: index.ExtensionsById[m.ExtensionId].Number))
                         .OrderBy(m => m.Number, StringComparer.Ordinal))
                file.Arrow("member", $"Local/{m.Number}@botpbx-device/n,{RenderIndex.Num(m.Member.Penalty)},{m.Number},PJSIP/{m.Number}");
        }
        return file;
    }

    private static string Strategy(QueueStrategy s) => s switch
    {
        QueueStrategy.LeastRecent => "leastrecent",
        QueueStrategy.FewestCalls => "fewestcalls",
        QueueStrategy.Random => "random",
        QueueStrategy.RoundRobinMemory => "rrmemory",
        QueueStrategy.Linear => "linear",
        _ => "ringall",
    };
}

internal static class VoicemailRenderer
{
    /// <summary>
    /// Mailboxes in context [botpbx]: <c>box =&gt; pin,name,email,pager,options</c>, options separated by |.
    /// The [general] section (formats, minimum length, mail command) is in the base voicemail.conf.
    /// </summary>
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("voicemail.conf");
        file.Section(DialplanContexts.Mailboxes);
        foreach (var e in index.Extensions.Where(e => e.Voicemail.Enabled))
        {
            var vm = e.Voicemail;
            var email = vm.EmailNotification ? e.Email : "";
            var options = new List<string>
            {
                "attach=" + (vm.EmailNotification ? "yes" : "no"),
                "delete=" + (vm.EmailNotification && vm.DeleteAfterEmail ? "yes" : "no"),
                "maxmsg=" + RenderIndex.Num(vm.MaxMessages),
                "maxsecs=" + RenderIndex.Num(vm.MaxMessageSeconds),
            };
            if (index.Options.VoicemailFromAddress.Length > 0) options.Add("serveremail=" + index.Options.VoicemailFromAddress);
            file.Arrow(e.Number, $"{vm.Pin},{e.Name},{email},,{string.Join('|', options)}");
        }
        return file;
    }
}

internal static class MohRenderer
{
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("musiconhold.conf");
        if (!index.MohClasses.Any(m => m.Name == "default"))
        {
            // Every queue and room may name "default"; without a configured one, use the stock files.
            file.Section("default").Set("mode", "files").Set("directory", "moh").Set("sort", "random");
        }
        foreach (var m in index.MohClasses)
        {
            file.Section(m.Name).Set("mode", "files")
                .Set("directory", index.Options.MohRoot + "/" + m.Name)
                .Set("sort", m.Sort == MohSort.Alpha ? "alpha" : "random");
        }
        return file;
    }
}

internal static class ConfbridgeRenderer
{
    public static (string Bridge, string User, string Admin) Names(Conference room) =>
        ("botpbx-conf-" + room.Number, "botpbx-conf-" + room.Number + "-user", "botpbx-conf-" + room.Number + "-admin");

    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("confbridge.conf");
        foreach (var room in index.Conferences)
        {
            var (bridge, user, admin) = Names(room);
            file.Section(bridge, "conference " + room.Name).Set("type", "bridge");
            if (room.MaxMembers > 0) file.Set("max_members", room.MaxMembers);
            file.Set("record_conference", room.Record);
            User(file, user, room, isAdmin: false);
            if (room.AdminPin.Length > 0) User(file, admin, room, isAdmin: true);
        }
        return file;
    }

    private static void User(ConfFile file, string name, Conference room, bool isAdmin)
    {
        file.Section(name).Set("type", "user")
            .Set("music_on_hold_when_empty", true).Set("music_on_hold_class", room.MohClass)
            .Set("announce_join_leave", room.AnnounceJoinLeave)
            .Set("announce_user_count", true);
        if (isAdmin) file.Set("admin", true).Set("marked", true);
    }
}

internal static class FeaturesRenderer
{
    /// <summary>features.conf [featuremap]: the in-call code that starts recording for on-demand extensions (Dial x/X).</summary>
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("features.conf");
        file.Section("featuremap").Set("automixmon", index.Configuration.FeatureCodes.RecordToggle);
        return file;
    }
}

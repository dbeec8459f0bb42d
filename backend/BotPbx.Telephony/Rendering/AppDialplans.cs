using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

internal static class QueueDialplan
{
    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.Queues);
        foreach (var q in index.Queues)
        {
            var n = Dialplan.T(q.Number);
            // Queue(name,options,URL,announceoverride,timeout): the 5th argument is the caller's maximum wait.
            var timeout = q.MaxWaitSeconds > 0 ? RenderIndex.Num(q.MaxWaitSeconds) : "";
            dp.Exten(n, "Answer()")
                .Same(CallLogVariables.Queue(n))
                .Same($"Queue({n},t,,,{timeout})")
                .SameAll(DestinationRenderer.Apps(q.TimeoutDestination, index));
        }
    }
}

internal static class RingGroupDialplan
{
    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.RingGroups);
        foreach (var g in index.RingGroups)
        {
            var members = g.MemberExtensionIds.Select(id => "Local/" + Dialplan.T(index.ExtensionsById[id].Number) + "@botpbx-device/n").ToList();
            var seconds = RenderIndex.Num(g.RingSeconds);
            dp.Exten(Dialplan.T(g.Number), "Set(__BOTPBX_DIALOPTS=)");
            if (g.Strategy == RingStrategy.RingAll)
            {
                dp.Same($"Dial({string.Join('&', members)},{seconds})")
                    .Same("ExecIf($[\"${DIALSTATUS}\"=\"ANSWER\"]?Hangup())");
            }
            else
            {
                foreach (var member in members)
                    dp.Same($"Dial({member},{seconds})").Same("ExecIf($[\"${DIALSTATUS}\"=\"ANSWER\"]?Hangup())");
            }
            dp.SameAll(DestinationRenderer.Apps(g.NoAnswerDestination, index));
        }
    }
}

internal static class ConferenceDialplan
{
    /// <summary>Wrong PINs tolerated before the caller is hung up.</summary>
    public const int PinAttempts = 3;

    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.Conferences);
        foreach (var room in index.Conferences)
        {
            var n = Dialplan.T(room.Number);
            var profiles = ConfbridgeRenderer.Names(room);
            var join = $"ConfBridge({n},{profiles.Bridge},{profiles.User})";
            dp.Exten(n, "Answer()");
            if (room.Pin.Length == 0 && room.AdminPin.Length == 0)
            {
                dp.Same(join).Same("Hangup()");
                continue;
            }
            // The PINs are compared here (not with the profile's pin=) so one prompt can tell user from admin.
            dp.Same("Set(TRIES=0)")
                .Same("Read(PIN,conf-getpin,10,,1,10)", "pin");
            if (room.AdminPin.Length > 0) dp.Same($"GotoIf($[\"${{PIN}}\"=\"{Dialplan.T(room.AdminPin)}\"]?admin)");
            dp.Same(room.Pin.Length > 0 ? $"GotoIf($[\"${{PIN}}\"=\"{Dialplan.T(room.Pin)}\"]?user)" : "Goto(user)")
                .Same("Set(TRIES=$[${TRIES}+1])")
                .Same("Playback(conf-invalidpin)")
                .Same($"GotoIf($[${{TRIES}}<{PinAttempts}]?pin)")
                .Same("Hangup()")
                .Same(join, "user")
                .Same("Hangup()");
            if (room.AdminPin.Length > 0)
                dp.Same($"ConfBridge({n},{profiles.Bridge},{profiles.Admin})", "admin").Same("Hangup()");
        }
    }
}

internal static class TimeConditionDialplan
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// GotoIfTime(times,weekdays,mdays,months,timezone?label): holidays first (closed), then each weekly range (open),
    /// else closed. The zone argument makes Asterisk evaluate the range in the condition's own time zone.
    /// </summary>
    public static void Render(Dialplan dp, RenderIndex index)
    {
        foreach (var tc in index.TimeConditions)
        {
            var zone = Dialplan.T(tc.TimeZone);
            dp.Context(RenderIndex.TimeConditionContext(tc.Id), "time condition " + tc.Name);
            var lines = new List<string>();
            foreach (var h in tc.Holidays.OrderBy(h => h.Month).ThenBy(h => h.FromDay))
            {
                var days = h.FromDay == h.ToDay ? RenderIndex.Num(h.FromDay) : RenderIndex.Num(h.FromDay) + "-" + RenderIndex.Num(h.ToDay);
                lines.Add($"GotoIfTime(*,*,{days},{Months[h.Month - 1]},{zone}?closed)");
            }
            foreach (var r in tc.Ranges)
            {
                var days = r.FromDay == r.ToDay ? Day(r.FromDay) : Day(r.FromDay) + "-" + Day(r.ToDay);
                lines.Add($"GotoIfTime({Dialplan.T(r.Start)}-{LastMinute(r.End)},{days},*,*,{zone}?open)");
            }
            lines.Add("Goto(closed)");
            dp.Exten("s", lines[0]).SameAll(lines.Skip(1));
            var open = DestinationRenderer.Apps(tc.Open, index);
            var closed = DestinationRenderer.Apps(tc.Closed, index);
            dp.Same(open[0], "open").SameAll(open.Skip(1));
            dp.Same(closed[0], "closed").SameAll(closed.Skip(1));
        }
    }

    private static string Day(WeekDay day) => day.ToString().ToLowerInvariant();

    /// <summary>
    /// GotoIfTime's range includes its whole last minute (09:00-17:00 is still open at 17:00:59), so "open until
    /// 17:00" is written 09:00-16:59. Validation guarantees end &gt; start, so the result is never before start.
    /// </summary>
    private static string LastMinute(string end)
    {
        var minutes = int.Parse(end[..2], System.Globalization.CultureInfo.InvariantCulture) * 60 +
                      int.Parse(end[3..], System.Globalization.CultureInfo.InvariantCulture) - 1;
        return Dialplan.T(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 60:D2}:{minutes % 60:D2}"));
    }
}

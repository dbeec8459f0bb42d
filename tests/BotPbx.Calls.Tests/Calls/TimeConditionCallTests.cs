using System.Globalization;
using BotPbx.Calls.Tests.Audio;
using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls;

/// <summary>
/// A time condition decides by the clock of its own time zone: a DID routed to it reaches the "open" destination
/// inside today's range and the "closed" one outside it. The ranges are placed around the current time in a zone
/// hours away from UTC with a half-hour offset, so a renderer or an Asterisk that ignored the zone would pick the
/// wrong side.
/// </summary>
[Collection(RealPbx.Name)]
public sealed class TimeConditionCallTests(PbxFixture pbx)
{
    /// <summary>
    /// Kolkata (UTC+05:30) unless it is within two hours of midnight there, then St John's (UTC−03:30/−02:30), where it
    /// is mid-day: ranges may not cross midnight, and an hour either side of now must fit in the day.
    /// </summary>
    private static readonly string Zone = new[] { "Asia/Kolkata", "America/St_Johns" }.First(zone =>
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
        return local.Hour is >= 2 and < 22;
    });

    [CallFact]
    public async Task Inside_todays_range_the_caller_reaches_the_open_destination()
    {
        var now = Now();
        // An hour either side of now, kept within today (ranges may not cross midnight).
        var start = Math.Max(0, now - 60);
        var end = Math.Min(24 * 60 - 1, now + 60);
        await CallAndExpectAsync(start, end, expectOpen: true);
    }

    [CallFact]
    public async Task Outside_todays_range_the_caller_reaches_the_closed_destination()
    {
        var now = Now();
        // Today, but over before now (or, early in the day, not yet begun).
        var (start, end) = now >= 120 ? (0, now - 60) : (now + 60, now + 120);
        await CallAndExpectAsync(start, end, expectOpen: false);
    }

    [CallFact]
    public async Task On_a_holiday_the_caller_reaches_the_closed_destination_even_inside_the_range()
    {
        var now = Now();
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone));
        var holiday = new { name = "Test holiday", month = local.Month, fromDay = local.Day, toDay = local.Day };
        await CallAndExpectAsync(Math.Max(0, now - 60), Math.Min(24 * 60 - 1, now + 60), expectOpen: false, holiday);
    }

    private async Task CallAndExpectAsync(int startMinute, int endMinute, bool expectOpen, object? holiday = null)
    {
        var open = await pbx.CreateExtensionAsync("Open desk");
        var closed = await pbx.CreateExtensionAsync("Closed desk");
        var today = Day(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DayOfWeek);
        var condition = await pbx.Api.PostAsync("api/time-conditions", new
        {
            name = "Hours " + pbx.NextNumber(),
            timeZone = Zone,
            ranges = new[] { new { fromDay = today, toDay = today, start = Hhmm(startMinute), end = Hhmm(endMinute) } },
            holidays = holiday is null ? Array.Empty<object>() : [holiday],
            open = new { type = "extension", target = Id(open.Id) },
            closed = new { type = "extension", target = Id(closed.Id) },
        });
        var did = await pbx.RouteDidAsync(new { type = "timeCondition", target = Id(condition["id"]!.GetValue<long>()) });
        await pbx.Api.ApplyAsync();
        await using var openPhone = await pbx.PhoneAsync(open, toneHz: 660);
        await using var closedPhone = await pbx.PhoneAsync(closed, toneHz: 880);
        await using var caller = await pbx.DidCallerAsync();

        await caller.CallAsync(pbx.DidUri(did));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await caller.HangUpAsync();
        await caller.WaitForEventAsync("CALL_CLOSED");

        var heard = await caller.HeardAsync();
        var (expected, other) = expectOpen ? (660, 880) : (880, 660);
        var range = $"{today} {Hhmm(startMinute)}-{Hhmm(endMinute)} {Zone}{(holiday is null ? "" : ", holiday today")}, now {Hhmm(Now())}";
        Assert.True(Tones.Heard(heard, expected), $"the caller should reach the {(expectOpen ? "open" : "closed")} desk ({expected} Hz, presence {Tones.Presence(heard, expected):P0}); {range}");
        Assert.False(Tones.Heard(heard, other), $"the caller should not reach the other desk ({other} Hz); {range}");
        var wrongPhone = expectOpen ? closedPhone : openPhone;
        Assert.False(wrongPhone.EverRang, "the other desk must not ring");
    }

    /// <summary>Minutes since midnight in <see cref="Zone"/>.</summary>
    private static int Now()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone));
        return local.Hour * 60 + local.Minute;
    }

    private static string Hhmm(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:D2}:{minutes % 60:D2}");

    private static string Day(DayOfWeek day) => day.ToString()[..3].ToLowerInvariant();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

using AgentHub.Core.Schedules;

namespace AgentHub.Tests.Schedules;

/// <summary>When occurrences fall (Cronos, time-zone aware): presets, daylight-saving changes in Paris and New York.</summary>
public sealed class ScheduleWhenTests
{
    private static Schedule Daily(string cron, string zone) => new()
    {
        AgentId = "dexter",
        Instruction = "Sum up",
        Cron = cron,
        TimeZone = zone,
        CreatedBy = "u",
        Enabled = true,
    };

    private static DateTime Utc(string value) => DateTime.SpecifyKind(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static List<string> LocalOccurrences(Schedule schedule, string fromUtc, int count)
    {
        var zone = ScheduleWhen.FindZone(schedule.TimeZone)!;
        return ScheduleWhen.NextOccurrences(schedule, Utc(fromUtc), count).Select(o => ScheduleWhen.Local(o, zone)).ToList();
    }

    [Theory]
    [InlineData("hourly", null, 15, null, null, "15 * * * *")]
    [InlineData("daily", 9, 0, null, null, "0 9 * * *")]
    [InlineData("weekdays", 8, 30, null, null, "30 8 * * 1-5")]
    [InlineData("weekly", 9, 0, 1, null, "0 9 * * 1")]
    [InlineData("monthly", 7, 45, null, 1, "45 7 1 * *")]
    [InlineData("weekly", 9, 0, null, null, null)]
    [InlineData("daily", 24, 0, null, null, null)]
    [InlineData("fortnightly", 9, 0, null, null, null)]
    public void APreset_IsTheCronExpressionItStandsFor(string kind, int? hour, int? minute, int? dayOfWeek, int? day, string? cron) =>
        Assert.Equal(cron, new SchedulePreset(kind, hour, minute, dayOfWeek, day).ToCron());

    [Theory]
    [InlineData("Europe/Paris", "2027-03-27T00:00:00", "2027-03-27 02:30", "2027-03-28 03:00", "2027-03-29 02:30")]
    [InlineData("Europe/Paris", "2027-10-30T00:00:00", "2027-10-30 02:30", "2027-10-31 02:30", "2027-11-01 02:30")]
    [InlineData("America/New_York", "2027-03-13T12:00:00", "2027-03-14 03:00", "2027-03-15 02:30", "2027-03-16 02:30")]
    [InlineData("America/New_York", "2027-11-06T12:00:00", "2027-11-07 02:30", "2027-11-08 02:30", "2027-11-09 02:30")]
    public void A0230DailySchedule_RunsOnceOnTheDaysTheClocksChange(string zone, string fromUtc, string first, string second, string third)
    {
        // Spring forward: 02:30 does not exist that night, so it runs once, at the end of the gap (03:00). Fall back:
        // 02:30 happens twice, and it runs once (the first).
        Assert.Equal([first, second, third], LocalOccurrences(Daily("30 2 * * *", zone), fromUtc, 3));
    }

    [Fact]
    public void TheFallBackNight_HasOne0230Occurrence_NotTwo()
    {
        var schedule = Daily("30 2 * * *", "Europe/Paris");
        // From 23:00 UTC on the 30th (01:00 CEST) to 03:00 UTC on the 31st (04:00 CET): 02:30 CEST and 02:30 CET both fall in.
        var (count, last, _) = ScheduleWhen.Due(schedule, Utc("2027-10-30T23:00:00"), Utc("2027-10-31T03:00:00"));
        Assert.Equal(1, count);
        Assert.Equal(Utc("2027-10-31T00:30:00"), last); // 02:30 CEST
    }

    [Theory]
    [InlineData("Europe/Paris", "2027-03-26T12:00:00", "2027-03-27T08:00:00", "2027-03-28T07:00:00", "2027-03-29T07:00:00")]
    [InlineData("Europe/Paris", "2027-10-29T12:00:00", "2027-10-30T07:00:00", "2027-10-31T08:00:00", "2027-11-01T08:00:00")]
    [InlineData("America/New_York", "2027-03-13T00:00:00", "2027-03-13T14:00:00", "2027-03-14T13:00:00", "2027-03-15T13:00:00")]
    [InlineData("America/New_York", "2027-11-06T00:00:00", "2027-11-06T13:00:00", "2027-11-07T14:00:00", "2027-11-08T14:00:00")]
    public void A0900Schedule_StaysAt0900LocalTime_AcrossTheChange(string zone, string fromUtc, string first, string second, string third)
    {
        var schedule = Daily("0 9 * * *", zone);
        Assert.Equal([Utc(first), Utc(second), Utc(third)], ScheduleWhen.NextOccurrences(schedule, Utc(fromUtc), 3));
        Assert.All(LocalOccurrences(schedule, fromUtc, 3), local => Assert.EndsWith(" 09:00", local, StringComparison.Ordinal));
    }

    [Fact]
    public void StartAndEndDates_BoundTheOccurrences()
    {
        var schedule = Daily("0 9 * * *", "UTC");
        schedule.StartsAt = Utc("2027-01-10T00:00:00");
        schedule.EndsAt = Utc("2027-01-12T12:00:00");
        Assert.Equal([Utc("2027-01-10T09:00:00"), Utc("2027-01-11T09:00:00"), Utc("2027-01-12T09:00:00")],
            ScheduleWhen.NextOccurrences(schedule, Utc("2027-01-01T00:00:00"), 5));
    }

    [Theory]
    [InlineData("0 9 * * 1", true)]
    [InlineData("*/2 * * * * *", true)]
    [InlineData("0 9 * *", false)]
    [InlineData("61 9 * * *", false)]
    [InlineData("every monday", false)]
    [InlineData("", false)]
    public void ACronExpression_IsReadByCronos(string cron, bool valid) =>
        Assert.Equal(valid, ScheduleWhen.TryParse(cron, out _));
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cronos;

namespace AgentHub.Core.Schedules;

/// <summary>
/// The presets a schedule can be made from, each written as the cron expression it stands for:
/// <c>hourly</c> (at <see cref="Minute"/>), <c>daily</c>, <c>weekdays</c> (Monday to Friday), <c>weekly</c> (on
/// <see cref="DayOfWeek"/>, 0 = Sunday) and <c>monthly</c> (on <see cref="Day"/>; a month without that day is skipped),
/// each at <see cref="Hour"/>:<see cref="Minute"/>.
/// </summary>
public sealed record SchedulePreset(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("hour")] int? Hour = null,
    [property: JsonPropertyName("minute")] int? Minute = null,
    [property: JsonPropertyName("day_of_week")] int? DayOfWeek = null,
    [property: JsonPropertyName("day")] int? Day = null)
{
    public static readonly string[] Kinds = ["hourly", "daily", "weekdays", "weekly", "monthly"];

    /// <summary>The cron expression, or null when a field the kind needs is missing or out of range.</summary>
    public string? ToCron()
    {
        var minute = Minute ?? 0;
        if (minute is < 0 or > 59 || Hour is < 0 or > 23 || DayOfWeek is < 0 or > 6 || Day is < 1 or > 31)
        {
            return null;
        }

        return Kind switch
        {
            "hourly" => $"{minute} * * * *",
            "daily" when Hour is { } h => $"{minute} {h} * * *",
            "weekdays" when Hour is { } h => $"{minute} {h} * * 1-5",
            "weekly" when Hour is { } h && DayOfWeek is { } d => $"{minute} {h} * * {d}",
            "monthly" when Hour is { } h && Day is { } day => $"{minute} {h} {day} * *",
            _ => null,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SchedulePreset? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<SchedulePreset>(json);
}

/// <summary>
/// When a schedule's occurrences fall, with Cronos: local times in the schedule's IANA zone, in UTC instants. Across a
/// daylight-saving change Cronos runs a local time that does not exist (02:30 on the spring-forward day) once, at the
/// end of the gap, and a local time that happens twice (02:30 on the fall-back day) once, at its first instance.
/// </summary>
public static class ScheduleWhen
{
    /// <summary>Five fields (minute hour day-of-month month day-of-week), or six with the seconds first.</summary>
    public static bool TryParse(string? cron, out CronExpression? expression)
    {
        expression = null;
        return !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron.Trim(), FormatOf(cron), out expression);
    }

    private static CronFormat FormatOf(string cron) =>
        cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;

    private static CronExpression Parse(string cron) => CronExpression.Parse(cron.Trim(), FormatOf(cron));

    public static TimeZoneInfo? FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>The first occurrence after <paramref name="afterUtc"/> (or at it, when <paramref name="inclusive"/>) within the schedule's dates.</summary>
    public static DateTime? Next(Schedule schedule, DateTime afterUtc, bool inclusive = false)
    {
        var expression = Parse(schedule.Cron);
        var zone = FindZone(schedule.TimeZone) ?? TimeZoneInfo.Utc;
        var from = Utc(afterUtc);
        if (schedule.StartsAt is { } starts && Utc(starts) > from)
        {
            from = Utc(starts);
            inclusive = true;
        }

        var next = expression.GetNextOccurrence(from, zone, inclusive);
        return next is { } n && schedule.EndsAt is { } ends && n > Utc(ends) ? null : next;
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="afterUtc"/>.</summary>
    public static IReadOnlyList<DateTime> NextOccurrences(Schedule schedule, DateTime afterUtc, int count)
    {
        var list = new List<DateTime>(count);
        var at = afterUtc;
        var inclusive = false;
        while (list.Count < count && Next(schedule, at, inclusive) is { } next)
        {
            list.Add(next);
            at = next;
            inclusive = false;
        }

        return list;
    }

    /// <summary>
    /// The occurrences from <paramref name="fromUtc"/> (included) to <paramref name="toUtc"/> (included): how many, the
    /// last and the one before it.
    /// </summary>
    public static (int Count, DateTime? Last, DateTime? BeforeLast) Due(Schedule schedule, DateTime fromUtc, DateTime toUtc)
    {
        var expression = Parse(schedule.Cron);
        var zone = FindZone(schedule.TimeZone) ?? TimeZoneInfo.Utc;
        var from = schedule.StartsAt is { } starts && Utc(starts) > Utc(fromUtc) ? Utc(starts) : Utc(fromUtc);
        var to = schedule.EndsAt is { } ends && Utc(ends) < Utc(toUtc) ? Utc(ends) : Utc(toUtc);
        if (to < from)
        {
            return (0, null, null);
        }

        var count = 0;
        DateTime? last = null, beforeLast = null;
        foreach (var occurrence in expression.GetOccurrences(from, to, zone, fromInclusive: true, toInclusive: true))
        {
            count++;
            beforeLast = last;
            last = occurrence;
        }

        return (count, last, beforeLast);
    }

    /// <summary>"09:00" in the invariant form, for logs and tests.</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(Utc(utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

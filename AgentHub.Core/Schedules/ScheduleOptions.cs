namespace AgentHub.Core.Schedules;

/// <summary>`Schedules` settings.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>How often an instance looks for occurrences that are due (the lateness of an on-time run at most).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Occurrences missed while no instance ran are not replayed one by one: the last of them is run once, marked late,
    /// if it is at most this old; otherwise they are all shown as missed.
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A run started more than this after its occurrence is marked late.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(2);
}

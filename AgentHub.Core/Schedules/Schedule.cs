namespace AgentHub.Core.Schedules;

/// <summary>
/// Recurring work: "every Monday at 9, Dexter sums up last week's traffic". Each occurrence of <see cref="Cron"/> in
/// <see cref="TimeZone"/> starts one task, exactly once across instances (a <see cref="ScheduleRun"/> per schedule and
/// occurrence instant, unique). <see cref="NextOccurrence"/> is the next instant to run, kept in UTC.
/// </summary>
public sealed class Schedule
{
    public const int MaxCronLength = 120;
    public const int MaxTimeZoneLength = 64;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string AgentId { get; set; }
    public required string Instruction { get; set; }

    /// <summary>Five fields (minute hour day-of-month month day-of-week), or six with seconds first, read by Cronos; a preset is stored as its expression too.</summary>
    public required string Cron { get; set; }

    /// <summary>The preset the schedule was made from (JSON), shown back in the form; null for a cron expression.</summary>
    public string? PresetJson { get; set; }

    /// <summary>An IANA time zone (Europe/Paris): occurrences are local times there, across daylight-saving changes.</summary>
    public required string TimeZone { get; set; }

    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public bool Enabled { get; set; }

    /// <summary>The next occurrence to run (UTC); null when paused or past <see cref="EndsAt"/>.</summary>
    public DateTime? NextOccurrence { get; set; }

    /// <summary>This schedule's narrower approval policies for its own runs (JSON: tool → ask|never).</summary>
    public string? PoliciesJson { get; set; }

    /// <summary>Whoever saved it last answers for it: its tasks run as that person, and stop if they may no longer manage.</summary>
    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Bumped by every change: an edit and an occurrence fired at the same moment cannot both win.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One occurrence of a schedule, taken once: started (on time or late), missed (while no instance ran, or past the
/// catch-up window: one row for a run of them), or run by hand. (ScheduleId, Occurrence, Manual) is unique.
/// </summary>
public sealed class ScheduleRun
{
    public Guid Id { get; set; }
    public Guid ScheduleId { get; set; }
    public Guid WorkspaceId { get; set; }

    /// <summary>The occurrence instant (UTC); for a run by hand, when it was asked.</summary>
    public DateTime Occurrence { get; set; }

    public bool Manual { get; set; }

    /// <summary>Started after its occurrence, once instances were back (a catch-up).</summary>
    public bool Late { get; set; }

    /// <summary>How many occurrences this row stands for that were not run (0 for a run).</summary>
    public int MissedCount { get; set; }

    /// <summary>Why nothing started, when nothing did: <c>missed</c>, <c>author_may_not_manage</c>.</summary>
    public string? Skipped { get; set; }

    public Guid? TaskId { get; set; }
    public DateTime CreatedAt { get; set; }
}

using System.Text.Json.Serialization;
using AgentHub.Core.Tasks;

namespace AgentHub.Core.Schedules;

/// <summary>A schedule as the API and the pages show it: its next occurrences (UTC instants) and its last run.</summary>
public sealed record ScheduleView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("instruction")] string Instruction,
    [property: JsonPropertyName("cron")] string Cron,
    [property: JsonPropertyName("preset")] SchedulePreset? Preset,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("starts_at")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("policies")] IReadOnlyDictionary<string, ApprovalPolicyKind> Policies,
    [property: JsonPropertyName("next_occurrences")] IReadOnlyList<DateTimeOffset> NextOccurrences,
    [property: JsonPropertyName("last_run")] ScheduleRunView? LastRun,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>
/// One occurrence taken: <c>on_time</c>, <c>late</c> (a catch-up after downtime), <c>manual</c> (run now), <c>missed</c>
/// (<see cref="MissedCount"/> occurrences not run), or <c>skipped</c> (its author may no longer manage).
/// </summary>
public sealed record ScheduleRunView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("occurrence")] DateTimeOffset Occurrence,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("missed_count")] int MissedCount,
    [property: JsonPropertyName("task_id")] Guid? TaskId,
    [property: JsonPropertyName("task_status")] AgentTaskStatus? TaskStatus,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("reason")] string? Reason = null)
{
    public static ScheduleRunView From(ScheduleRun run, AgentTaskStatus? status) => new(
        run.Id,
        Utc(run.Occurrence),
        run.Manual ? "manual" : run.TaskId is not null ? run.Late ? "late" : "on_time" : run.Skipped == ScheduleRuns.Missed ? "missed" : "skipped",
        run.MissedCount,
        run.TaskId,
        status,
        Utc(run.CreatedAt),
        // Why a skipped occurrence started nothing: author_may_not_manage or budget_exceeded.
        run.TaskId is null && run.Skipped != ScheduleRuns.Missed ? run.Skipped : null);

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed record ScheduleListResponse([property: JsonPropertyName("schedules")] IReadOnlyList<ScheduleView> Schedules);

public sealed record ScheduleRunListResponse([property: JsonPropertyName("runs")] IReadOnlyList<ScheduleRunView> Runs);

public static class ScheduleRuns
{
    public const string Missed = "missed";
    public const string AuthorMayNotManage = "author_may_not_manage";
    public const string BudgetExceeded = "budget_exceeded";
}

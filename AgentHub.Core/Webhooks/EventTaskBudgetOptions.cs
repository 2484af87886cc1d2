namespace AgentHub.Core.Webhooks;

/// <summary>
/// The `RateLimits:EventTasks` section: tasks that webhook events may start per workspace per window. Each task spends
/// model tokens and provider quota, and outsiders choose how many events arrive; over the budget an event is processed
/// without a task and its delivery says "skipped: task budget".
/// </summary>
public sealed class EventTaskBudgetOptions
{
    public int PermitLimit { get; set; } = 60;
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

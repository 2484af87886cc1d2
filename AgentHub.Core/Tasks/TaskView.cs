namespace AgentHub.Core.Tasks;

/// <summary>A task as the API and pages show it: status, timeline, result or error, and timestamps.</summary>
public sealed record TaskView(
    Guid Id,
    string AgentId,
    string Description,
    AgentTaskStatus Status,
    string? Result,
    string? Error,
    int Turns,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    IReadOnlyList<TaskStepView> Steps,
    IReadOnlyList<ApprovalView> Approvals,
    Guid? ConversationId = null,
    int TurnIndex = 0,
    Guid? ParentTaskId = null,
    Guid? ScheduleId = null,
    Usage.UsageTotals? Usage = null)
{
    /// <summary>The Brain sources the task's searches returned, each once, in the order first found.</summary>
    public IReadOnlyList<TaskCitation> Sources => Steps
        .SelectMany(s => s.Citations ?? [])
        .DistinctBy(c => (c.SourceId, c.Location))
        .ToList();

    public static TaskView From(AgentTask task, IReadOnlyList<TaskStep>? steps = null, IReadOnlyList<ApprovalView>? approvals = null) =>
        new(task.Id, task.AgentId, task.Description, task.Status, task.Result, task.Error, task.Turns, task.CreatedAt, task.UpdatedAt,
            task.StartedAt, task.CompletedAt, (steps ?? task.Steps).Select(TaskStepView.From).ToList(), approvals ?? [], task.ConversationId, task.TurnIndex,
            task.ParentTaskId, task.ScheduleId);
}

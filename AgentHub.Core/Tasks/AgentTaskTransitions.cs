using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Every status change of an <see cref="AgentTask"/>, each one conditional write that names where it may come from
/// (a cancel on any instance wins over a runner finishing). Each returns the rows it changed (0 or 1).
/// </summary>
public static class AgentTaskTransitions
{
    /// <summary>Queued (or Running, resumed after a restart) → Running.</summary>
    public static Task<int> StartAsync(this AgentHubDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        db.Tasks
            .Where(t => t.Id == id && (t.Status == AgentTaskStatus.Queued || t.Status == AgentTaskStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, AgentTaskStatus.Running)
                .SetProperty(t => t.StartedAt, t => t.StartedAt ?? now)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);

    /// <summary>
    /// Running → <paramref name="status"/> (awaiting approval, succeeded, answered, failed) with the conversation, the turns used
    /// and the result, in one write: a reader never sees a finished task without its turns.
    /// </summary>
    public static Task<int> StopAsync(
        this AgentHubDbContext db, Guid id, AgentTaskStatus status, string conversation, int turns, string? result, string? error, DateTime now,
        CancellationToken cancellationToken)
    {
        var finished = status.IsFinished();
        return db.Tasks
            .Where(t => t.Id == id && t.Status == AgentTaskStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, status)
                .SetProperty(t => t.ConversationJson, conversation)
                .SetProperty(t => t.Turns, turns)
                .SetProperty(t => t.Result, result)
                .SetProperty(t => t.Error, error)
                .SetProperty(t => t.UpdatedAt, now)
                .SetProperty(t => t.CompletedAt, finished ? now : null), cancellationToken);
    }

    /// <summary>Any unfinished status → Cancelled.</summary>
    public static Task<int> CancelAsync(this AgentHubDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        db.Tasks
            .Where(t => t.Id == id && t.Status != AgentTaskStatus.Succeeded && t.Status != AgentTaskStatus.Answered &&
                        t.Status != AgentTaskStatus.Failed && t.Status != AgentTaskStatus.Cancelled)
            .ExecuteUpdateAsync(u => u
                .SetProperty(t => t.Status, AgentTaskStatus.Cancelled)
                .SetProperty(t => t.UpdatedAt, now)
                .SetProperty(t => t.CompletedAt, now), cancellationToken);

    /// <summary>AwaitingApproval → Queued, once none of the task's approvals is pending or executing.</summary>
    public static Task<int> ResumeAsync(this AgentHubDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        db.Tasks
            .Where(t => t.Id == id && t.Status == AgentTaskStatus.AwaitingApproval &&
                        !db.Approvals.Any(a => a.TaskId == t.Id && (a.Status == ApprovalStatus.Pending || a.Status == ApprovalStatus.Executing)))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, AgentTaskStatus.Queued).SetProperty(t => t.UpdatedAt, now), cancellationToken);
}

using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Tasks;

/// <summary>Writes a task's timeline as it happens (one short insert per step) and tells open pages.</summary>
public sealed class TaskJournal(IDbContextFactory<AgentHubDbContext> dbFactory, TaskEvents events, TimeProvider time)
{
    public async Task AddAsync(
        AgentTask task,
        TaskStepKind kind,
        string summary,
        string? tool = null,
        ActionEffect? effect = null,
        bool? succeeded = null,
        bool cached = false,
        Guid? approvalId = null,
        CancellationToken cancellationToken = default,
        Sentence? sentence = null,
        IReadOnlyList<TaskCitation>? citations = null,
        Guid? linkedTaskId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.TaskSteps.Add(new TaskStep
        {
            TaskId = task.Id,
            Kind = kind,
            Summary = Text.Shorten(summary, TaskStep.MaxSummaryLength - 1),
            SentenceJson = sentence?.ToJson(),
            CitationsJson = citations is { Count: > 0 } ? TaskCitation.ToJson(citations) : null,
            Tool = tool,
            Effect = effect,
            Succeeded = succeeded,
            Cached = cached,
            ApprovalId = approvalId,
            LinkedTaskId = linkedTaskId,
            At = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Running));
    }
}

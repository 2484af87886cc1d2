using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Creates, lists, shows and cancels agent tasks. Owners and admins give and cancel tasks; members see them. Running
/// is the runner's job: a created task is queued and the runner of some instance picks it up.
/// </summary>
public sealed class TaskService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IChatClientSource models,
    CreateTaskRequestValidator validator,
    AuditService audit,
    TaskEvents events,
    TaskRunner runner,
    Usage.BudgetService budgets,
    Usage.UsageQueries usage,
    IMemoryCache cache,
    TimeProvider time)
{
    public const int ListLimit = 50;

    /// <summary>How many recent tasks an agent page shows.</summary>
    public const int RecentCount = 5;

    // The agent page is the busiest page: its recent tasks are read from memory until a task of that agent changes in
    // this process (or, for changes on another instance, for at most the rows cache's few seconds).
    private readonly bool _evictsOnChange = EvictOnChange(events, cache);

    private static bool EvictOnChange(TaskEvents events, IMemoryCache cache)
    {
        events.Changed += change => cache.Remove(RecentKey(change.WorkspaceId, change.AgentId));
        return true;
    }

    private static string RecentKey(Guid workspaceId, string agentId) => $"tasks:recent:{workspaceId:N}:{agentId}";

    /// <summary>An agent's newest tasks for its page: one query, then memory until one of them changes.</summary>
    public async Task<IReadOnlyList<TaskView>> RecentAsync(WorkspaceActor actor, string agentId, CancellationToken cancellationToken = default)
    {
        var key = RecentKey(actor.WorkspaceId, agentId);
        if (cache.TryGetValue(key, out IReadOnlyList<TaskView>? cached) && cached is not null)
        {
            return cached;
        }

        var recent = await ListAsync(actor, agentId, limit: RecentCount, cancellationToken: cancellationToken);
        cache.Set(key, recent, Connections.IntegrationQueries.ReadCacheLifetime);
        return recent;
    }

    public bool ModelConfigured => models.IsConfigured;

    /// <param name="viaToken">The name of the MCP token the task was asked with, if any (its usage is counted as that token's).</param>
    public async Task<TaskView> CreateAsync(WorkspaceActor actor, CreateTaskRequest request, CancellationToken cancellationToken = default, string? viaToken = null)
    {
        await audit.DemandManagerAsync(actor, AuditActions.CreateTask, "Audit_CanGiveTasks", agentId: request.AgentId, cancellationToken: cancellationToken);

        await validator.ValidateAndThrowAsync(request, cancellationToken);
        if (!models.IsConfigured)
        {
            throw new ModelNotConfiguredException();
        }

        await budgets.EnsureAvailableAsync(actor.WorkspaceId, cancellationToken);
        AgentTask task;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            task = Queue(db, actor, request.AgentId!, request.Description!, time.GetUtcNow().UtcDateTime);
            if (viaToken is not null)
            {
                (task.Source, task.SourceRef) = (TaskSources.Mcp, viaToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Queued));
        return TaskView.From(task);
    }

    /// <summary>
    /// Adds a queued task and its audit entry to <paramref name="db"/>, whose SaveChanges commits them with whatever
    /// else it holds (a webhook delivery marked processed); the caller publishes <see cref="TaskChanged"/> after it.
    /// </summary>
    public AgentTask Queue(AgentHubDbContext db, WorkspaceActor actor, string agentId, string description, DateTime now, TaskTrigger? trigger = null)
    {
        var task = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            AgentId = agentId,
            Description = description.Trim(),
            Status = AgentTaskStatus.Queued,
            CreatedBy = actor.UserId,
            TriggerJson = trigger?.ToJson(),
            Source = trigger is null ? TaskSources.Person : TaskSources.Webhook,
            SourceRef = trigger is null ? null : Common.Text.Shorten($"{trigger.Provider} {trigger.EventType}", 127),
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Every task is a turn: asked through the API or by an event, the first of a conversation of its own.
        var conversation = new Conversations.Conversation
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            AgentId = agentId,
            Title = Conversations.ConversationService.TitleOf(task.Description),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            TurnCount = 1,
        };
        db.Conversations.Add(conversation);
        task.ConversationId = conversation.Id;
        task.TurnIndex = 1;
        db.Tasks.Add(task);
        audit.Add(db, actor, AuditActions.CreateTask, "queued", agentId: task.AgentId, detail: new Sentence("Audit_DetailTask", task.Id));
        return task;
    }

    public async Task<TaskView> GetAsync(WorkspaceActor actor, Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Tasks_NoSuchTask"));
        // The streamed words are for streams; the timeline has the answer whole.
        var steps = await db.TaskSteps.AsNoTracking().Where(s => s.TaskId == taskId && s.Kind != TaskStepKind.Delta).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.TaskId == taskId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var used = (await usage.ForTasksAsync(actor.WorkspaceId, [taskId], cancellationToken)).GetValueOrDefault(taskId) ?? Usage.UsageTotals.Zero;
        return TaskView.From(task, steps, approvals.Select(a => ApprovalView.From(a, ProviderName(a.ProviderId))).ToList()) with { Usage = used };
    }

    /// <summary>The newest tasks of the workspace (without their steps), optionally of one agent or status.</summary>
    public async Task<IReadOnlyList<TaskView>> ListAsync(
        WorkspaceActor actor, string? agentId = null, AgentTaskStatus? status = null, int limit = ListLimit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == actor.WorkspaceId);
        if (!string.IsNullOrEmpty(agentId))
        {
            query = query.Where(t => t.AgentId == agentId);
        }

        if (status is { } s)
        {
            query = query.Where(t => t.Status == s);
        }

        var tasks = await query.OrderByDescending(t => t.CreatedAt).Take(Math.Clamp(limit, 1, ListLimit))
            .Select(t => new AgentTask
            {
                Id = t.Id,
                WorkspaceId = t.WorkspaceId,
                AgentId = t.AgentId,
                Description = t.Description,
                Status = t.Status,
                CreatedBy = t.CreatedBy,
                Result = t.Result,
                Error = t.Error,
                Turns = t.Turns,
                CreatedAt = t.CreatedAt,
                UpdatedAt = t.UpdatedAt,
                StartedAt = t.StartedAt,
                CompletedAt = t.CompletedAt,
                ConversationId = t.ConversationId,
                TurnIndex = t.TurnIndex,
                ParentTaskId = t.ParentTaskId,
                ScheduleId = t.ScheduleId,
            })
            .ToListAsync(cancellationToken);
        return tasks.Select(t => TaskView.From(t)).ToList();
    }

    public async Task<TaskView> CancelAsync(WorkspaceActor actor, Guid taskId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanManageIntegrations)
        {
            throw new ForbiddenException(CoreText.Get("Tasks_OnlyManagerCancels"));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.WorkspaceId == actor.WorkspaceId, cancellationToken)
                ?? throw new NotFoundException(CoreText.Get("Tasks_NoSuchTask"));
            var cancelled = await db.CancelAsync(taskId, now, cancellationToken);
            if (cancelled == 0)
            {
                throw new ConflictException(NothingToCancel(task.Status));
            }

            await db.CancelPendingOfTaskAsync(taskId, now, cancellationToken);
            var cancelledBy = new Sentence("Tasks_CancelledBy", actor.DisplayName);
            db.TaskSteps.Add(new TaskStep
            {
                TaskId = taskId,
                Kind = TaskStepKind.Error,
                Summary = cancelledBy.English(),
                SentenceJson = cancelledBy.ToJson(),
                Succeeded = false,
                At = now,
            });
            audit.Add(db, actor, AuditActions.CancelTask, "cancelled", agentId: task.AgentId, detail: new Sentence("Audit_DetailTask", taskId));
            await db.SaveChangesAsync(cancellationToken);
            runner.Interrupt(taskId);
            events.Publish(new TaskChanged(actor.WorkspaceId, taskId, task.AgentId, AgentTaskStatus.Cancelled, ApprovalsChanged: true));
        }

        return await GetAsync(actor, taskId, cancellationToken);
    }

    private string ProviderName(string providerId) => catalog.FindProvider(providerId)?.Name ?? providerId;

    /// <summary>Why a task cannot be cancelled: it has ended (its status as it was read, just before the refused update).</summary>
    private static string NothingToCancel(AgentTaskStatus status) => status switch
    {
        AgentTaskStatus.Succeeded => CoreText.Get("Tasks_CancelSucceeded"),
        AgentTaskStatus.Answered => CoreText.Get("Tasks_CancelAnswered"),
        AgentTaskStatus.Failed => CoreText.Get("Tasks_CancelFailed"),
        AgentTaskStatus.Cancelled => CoreText.Get("Tasks_CancelCancelled"),
        _ => CoreText.Get("Tasks_CancelEnded", status.ToString().ToLowerInvariant()),
    };
}

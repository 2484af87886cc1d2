using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Schedules;

/// <summary>
/// Schedules: saved by owners and admins, read by members; each occurrence fired once across instances
/// (<see cref="FireDueAsync"/>, called by the <see cref="ScheduleJob"/>), with at most one late catch-up after downtime.
/// </summary>
public sealed partial class ScheduleService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    SaveScheduleRequestValidator validator,
    TaskService tasks,
    TaskEvents events,
    IChatClientSource models,
    AuditService audit,
    Usage.BudgetService budgets,
    IOptionsMonitor<ScheduleOptions> options,
    TimeProvider time,
    ILogger<ScheduleService> logger)
{
    public const int RunListLimit = 50;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(WorkspaceActor actor, string? agentId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedules = await db.Schedules.AsNoTracking()
            .Where(s => s.WorkspaceId == actor.WorkspaceId && (agentId == null || s.AgentId == agentId))
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        var ids = schedules.Select(s => s.Id).ToList();
        var lastRuns = await db.ScheduleRuns.AsNoTracking()
            .Where(r => ids.Contains(r.ScheduleId))
            .GroupBy(r => r.ScheduleId)
            .Select(g => g.OrderByDescending(r => r.CreatedAt).First())
            .ToListAsync(cancellationToken);
        var statuses = await StatusesAsync(db, lastRuns, cancellationToken);
        return schedules.Select(s => View(s, lastRuns.FirstOrDefault(r => r.ScheduleId == s.Id), statuses)).ToList();
    }

    public async Task<ScheduleView> GetAsync(WorkspaceActor actor, Guid scheduleId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, actor, scheduleId, tracked: false, cancellationToken);
        var last = await db.ScheduleRuns.AsNoTracking().Where(r => r.ScheduleId == scheduleId).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return View(schedule, last, await StatusesAsync(db, last is null ? [] : [last], cancellationToken));
    }

    public async Task<IReadOnlyList<ScheduleRunView>> RunsAsync(WorkspaceActor actor, Guid scheduleId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await FindAsync(db, actor, scheduleId, tracked: false, cancellationToken);
        var runs = await db.ScheduleRuns.AsNoTracking().Where(r => r.ScheduleId == scheduleId)
            .OrderByDescending(r => r.CreatedAt).Take(RunListLimit).ToListAsync(cancellationToken);
        var statuses = await StatusesAsync(db, runs, cancellationToken);
        return runs.Select(r => ScheduleRunView.From(r, r.TaskId is { } t ? statuses.GetValueOrDefault(t) : null)).ToList();
    }

    public async Task<ScheduleView> CreateAsync(WorkspaceActor actor, SaveScheduleRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveSchedule, "Audit_CanManageSchedules", agentId: request.AgentId, cancellationToken: cancellationToken);
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = new Schedule
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            AgentId = request.AgentId!,
            Instruction = request.Instruction!.Trim(),
            Cron = request.Expression!,
            TimeZone = await ZoneAsync(db, actor, request, cancellationToken),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(schedule, request);
        schedule.NextOccurrence = schedule.Enabled ? ScheduleWhen.Next(schedule, now) : null;
        db.Schedules.Add(schedule);
        audit.Add(db, actor, AuditActions.SaveSchedule, "created", agentId: schedule.AgentId, detail: Sentence.Verbatim($"{schedule.Cron} ({schedule.TimeZone})"));
        await db.SaveChangesAsync(cancellationToken);
        return View(schedule, null, new Dictionary<Guid, AgentTaskStatus>());
    }

    /// <summary>
    /// Saves an edit. The next occurrence is worked out again from now, except that an occurrence already due and not
    /// yet taken stays due if the new timing still has it: an edit neither skips the occurrence at hand nor runs one
    /// twice (a taken occurrence has its row).
    /// </summary>
    public async Task<ScheduleView> UpdateAsync(WorkspaceActor actor, Guid scheduleId, SaveScheduleRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveSchedule, "Audit_CanManageSchedules", agentId: request.AgentId, cancellationToken: cancellationToken);
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = Now;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var schedule = await FindAsync(db, actor, scheduleId, tracked: true, cancellationToken);
            var pending = schedule.Enabled && schedule.NextOccurrence is { } due && due <= now ? due : (DateTime?)null;
            schedule.AgentId = request.AgentId!;
            schedule.Instruction = request.Instruction!.Trim();
            schedule.Cron = request.Expression!;
            schedule.TimeZone = await ZoneAsync(db, actor, request, cancellationToken, schedule.TimeZone);
            Apply(schedule, request);
            schedule.CreatedBy = actor.UserId; // whoever saves it answers for it
            schedule.UpdatedAt = now;
            schedule.Version++;
            schedule.NextOccurrence = !schedule.Enabled ? null
                : pending is { } p && ScheduleWhen.Next(schedule, p, inclusive: true) is { } kept && kept <= now ? kept
                : ScheduleWhen.Next(schedule, now);
            audit.Add(db, actor, AuditActions.SaveSchedule, schedule.Enabled ? "updated" : "paused", agentId: schedule.AgentId,
                detail: Sentence.Verbatim($"{schedule.Cron} ({schedule.TimeZone})"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return await GetAsync(actor, scheduleId, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // An occurrence was fired (or another edit saved) meanwhile: read it again and apply this edit on top.
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException(CoreText.Get("Schedules_SavedConcurrently"));
            }
        }
    }

    /// <summary>Pauses (no occurrence runs, none is counted missed) or resumes (from the next occurrence after now).</summary>
    public async Task<ScheduleView> SetEnabledAsync(WorkspaceActor actor, Guid scheduleId, bool enabled, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(actor, scheduleId, cancellationToken);
        return await UpdateAsync(actor, scheduleId, new SaveScheduleRequest(current.AgentId, current.Instruction, current.Preset is null ? current.Cron : null,
            current.Preset, current.TimeZone, enabled, current.StartsAt, current.EndsAt,
            current.Policies.ToDictionary(kv => kv.Key, kv => (string?)ApprovalPolicies.Name(kv.Value))), cancellationToken);
    }

    public async Task DeleteAsync(WorkspaceActor actor, Guid scheduleId, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.DeleteSchedule, "Audit_CanManageSchedules", cancellationToken: cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, actor, scheduleId, tracked: true, cancellationToken);
        db.Schedules.Remove(schedule);
        audit.Add(db, actor, AuditActions.DeleteSchedule, "deleted", agentId: schedule.AgentId, detail: Sentence.Verbatim(Text.Shorten(schedule.Instruction, 200)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Run now": one task at once, as the person who asked, with the schedule's policies; the timing is unchanged.</summary>
    public async Task<ScheduleRunView> RunNowAsync(WorkspaceActor actor, Guid scheduleId, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.RunSchedule, "Audit_CanManageSchedules", cancellationToken: cancellationToken);
        if (!models.IsConfigured)
        {
            throw new ModelNotConfiguredException();
        }

        await budgets.EnsureAvailableAsync(actor.WorkspaceId, cancellationToken);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, actor, scheduleId, tracked: false, cancellationToken);
        var task = tasks.Queue(db, actor, schedule.AgentId, schedule.Instruction, now);
        task.ScheduleId = schedule.Id;
        (task.Source, task.SourceRef) = (TaskSources.Schedule, schedule.Id.ToString());
        var run = new ScheduleRun { Id = Guid.NewGuid(), ScheduleId = schedule.Id, WorkspaceId = schedule.WorkspaceId, Occurrence = now, Manual = true, TaskId = task.Id, CreatedAt = now };
        db.ScheduleRuns.Add(run);
        audit.Add(db, actor, AuditActions.RunSchedule, "queued", agentId: schedule.AgentId, detail: new Sentence("Audit_DetailTask", task.Id));
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Queued));
        return ScheduleRunView.From(run, AgentTaskStatus.Queued);
    }

    /// <summary>Fires every occurrence that is due; returns how many schedules moved on.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Schedules.AsNoTracking()
                .Where(s => s.Enabled && s.NextOccurrence != null && s.NextOccurrence <= now)
                .OrderBy(s => s.NextOccurrence).Select(s => s.Id).Take(200)
                .ToListAsync(cancellationToken);
        }

        var fired = 0;
        foreach (var id in due)
        {
            try
            {
                fired += await FireAsync(id, now, cancellationToken) ? 1 : 0;
            }
            catch (DbUpdateException)
            {
                // Another instance took this occurrence (or an edit saved) first: expected, and nothing was written.
                LogTakenElsewhere(logger, id);
            }
        }

        return fired;
    }

    /// <summary>
    /// Takes the schedule's due occurrences in one transaction: the schedule moves to its next occurrence after now
    /// (guarded by its version), the last due occurrence starts a task if it is within the catch-up window (late if it
    /// is past <see cref="ScheduleOptions.LateAfter"/>), and the others are one "missed" row.
    /// </summary>
    private async Task<bool> FireAsync(Guid scheduleId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId, cancellationToken);
        if (schedule is not { Enabled: true, NextOccurrence: { } from } || from > now)
        {
            return false;
        }

        var (count, last, beforeLast) = ScheduleWhen.Due(schedule, from, now);
        schedule.NextOccurrence = ScheduleWhen.Next(schedule, now);
        schedule.Version++;
        AgentTask? task = null;
        if (count > 0)
        {
            var runLast = now - last!.Value <= settings.CatchUpWindow;
            var missed = runLast ? count - 1 : count;
            var missedAt = runLast ? beforeLast : last;
            if (missed > 0 && !await TakenAsync(db, schedule.Id, missedAt!.Value, cancellationToken))
            {
                db.ScheduleRuns.Add(new ScheduleRun
                {
                    Id = Guid.NewGuid(),
                    ScheduleId = schedule.Id,
                    WorkspaceId = schedule.WorkspaceId,
                    Occurrence = missedAt.Value,
                    MissedCount = missed,
                    Skipped = ScheduleRuns.Missed,
                    CreatedAt = now,
                });
            }

            if (runLast && !await TakenAsync(db, schedule.Id, last.Value, cancellationToken))
            {
                var run = new ScheduleRun
                {
                    Id = Guid.NewGuid(),
                    ScheduleId = schedule.Id,
                    WorkspaceId = schedule.WorkspaceId,
                    Occurrence = last.Value,
                    Late = now - last.Value > settings.LateAfter,
                    CreatedAt = now,
                };
                var role = await db.Users.AsNoTracking().Where(u => u.Id == schedule.CreatedBy && u.WorkspaceId == schedule.WorkspaceId)
                    .Select(u => (WorkspaceRole?)u.Role).SingleOrDefaultAsync(cancellationToken);
                if (role is not { } r || r < WorkspaceRole.Admin)
                {
                    run.Skipped = ScheduleRuns.AuthorMayNotManage; // demoted or removed: their schedule starts nothing
                }
                else if (await budgets.IsSpentAsync(schedule.WorkspaceId, cancellationToken))
                {
                    run.Skipped = ScheduleRuns.BudgetExceeded; // the month's AI budget is spent: the occurrence is taken, nothing starts
                }
                else
                {
                    var agent = catalog.FindAgent(schedule.AgentId)?.Name ?? schedule.AgentId;
                    var actor = new WorkspaceActor(schedule.WorkspaceId, schedule.CreatedBy, $"Schedule: {agent}", r);
                    task = tasks.Queue(db, actor, schedule.AgentId, schedule.Instruction, now);
                    task.ScheduleId = schedule.Id;
                    (task.Source, task.SourceRef) = (TaskSources.Schedule, schedule.Id.ToString());
                    run.TaskId = task.Id;
                }

                db.ScheduleRuns.Add(run);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (task is not null)
        {
            events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Queued));
        }

        return true;
    }

    private static Task<bool> TakenAsync(AgentHubDbContext db, Guid scheduleId, DateTime occurrence, CancellationToken cancellationToken) =>
        db.ScheduleRuns.AnyAsync(r => r.ScheduleId == scheduleId && r.Occurrence == occurrence && !r.Manual, cancellationToken);

    private static void Apply(Schedule schedule, SaveScheduleRequest request)
    {
        schedule.PresetJson = request.Preset?.ToJson();
        schedule.Enabled = request.Enabled;
        schedule.StartsAt = request.StartsAt?.UtcDateTime;
        schedule.EndsAt = request.EndsAt?.UtcDateTime;
        schedule.PoliciesJson = ApprovalPolicies.ToJson(request.Policies?.ToDictionary(kv => kv.Key, kv => ApprovalPolicies.Parse(kv.Value)!.Value));
    }

    /// <summary>The zone given, else the one kept, else the author's own, else UTC.</summary>
    private static async Task<string> ZoneAsync(AgentHubDbContext db, WorkspaceActor actor, SaveScheduleRequest request, CancellationToken cancellationToken, string? kept = null)
    {
        if (!string.IsNullOrWhiteSpace(request.TimeZone))
        {
            return request.TimeZone.Trim();
        }

        if (kept is not null)
        {
            return kept;
        }

        var own = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.TimeZone).SingleOrDefaultAsync(cancellationToken);
        return ScheduleWhen.FindZone(own) is not null ? own!.Trim() : "UTC";
    }

    private static async Task<Schedule> FindAsync(AgentHubDbContext db, WorkspaceActor actor, Guid scheduleId, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Schedules : db.Schedules.AsNoTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == scheduleId && s.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Schedules_NoSuch"));
    }

    private static async Task<Dictionary<Guid, AgentTaskStatus>> StatusesAsync(AgentHubDbContext db, IReadOnlyCollection<ScheduleRun> runs, CancellationToken cancellationToken)
    {
        var taskIds = runs.Where(r => r.TaskId != null).Select(r => r.TaskId!.Value).ToList();
        return taskIds.Count == 0 ? [] : await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Status, cancellationToken);
    }

    private ScheduleView View(Schedule schedule, ScheduleRun? last, IReadOnlyDictionary<Guid, AgentTaskStatus> statuses)
    {
        var next = new List<DateTimeOffset>();
        if (schedule.Enabled && schedule.NextOccurrence is { } first)
        {
            next.Add(ScheduleRunView.Utc(first));
            next.AddRange(ScheduleWhen.NextOccurrences(schedule, first, 4).Select(ScheduleRunView.Utc));
        }

        return new ScheduleView(
            schedule.Id, schedule.AgentId, catalog.FindAgent(schedule.AgentId)?.Name ?? schedule.AgentId, schedule.Instruction, schedule.Cron,
            SchedulePreset.FromJson(schedule.PresetJson), schedule.TimeZone, schedule.Enabled,
            schedule.StartsAt is { } s ? ScheduleRunView.Utc(s) : null, schedule.EndsAt is { } e ? ScheduleRunView.Utc(e) : null,
            ApprovalPolicies.FromJson(schedule.PoliciesJson), next,
            last is null ? null : ScheduleRunView.From(last, last.TaskId is { } t ? statuses.GetValueOrDefault(t) : null),
            ScheduleRunView.Utc(schedule.CreatedAt), ScheduleRunView.Utc(schedule.UpdatedAt));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {ScheduleId}: its occurrence was taken by another instance or an edit")]
    private static partial void LogTakenElsewhere(ILogger logger, Guid scheduleId);
}

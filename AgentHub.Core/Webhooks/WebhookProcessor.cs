using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Processes the webhook inbox: leases a delivery with one conditional update (so one processor of all instances holds
/// it), runs the workspace's enabled rules for its event type (each starts a task through the task system, where
/// writes still wait for approval), and marks it processed in the same transaction that queues the tasks, only while
/// it still holds the lease. A processor that dies mid-job leaves nothing behind; its lease expires and another takes
/// the delivery. A failure is retried with exponential backoff and jitter; after the last attempt the delivery is
/// dead-lettered, until someone replays it.
/// </summary>
public sealed partial class WebhookProcessor(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    TaskService tasks,
    TaskEvents taskEvents,
    IOptionsMonitor<WebhookOptions> options,
    IOptionsMonitor<EventTaskBudgetOptions> budget,
    Usage.BudgetService aiBudget,
    AgentHubMetrics metrics,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    public const int BatchSize = 16;

    /// <summary>Leases and processes due deliveries as <paramref name="owner"/>; returns how many were processed.</summary>
    public async Task<int> ProcessDueAsync(string owner, CancellationToken cancellationToken = default)
    {
        var processed = 0;
        foreach (var id in await DueAsync(cancellationToken))
        {
            if (await TryLeaseAsync(id, owner, cancellationToken) && await ProcessAsync(id, owner, cancellationToken))
            {
                processed++;
            }
        }

        return processed;
    }

    /// <summary>Deliveries waiting for an attempt whose lease (if any) has expired, oldest first.</summary>
    public async Task<List<Guid>> DueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Received && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .OrderBy(d => d.ReceivedAt)
            .Select(d => d.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Takes the delivery's lease (one conditional update: one contender of all instances wins) and counts the attempt.</summary>
    public async Task<bool> TryLeaseAsync(Guid id, string owner, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.CurrentValue.LeaseDuration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.LeaseAsync(id, owner, now, until, cancellationToken) == 1;
    }

    /// <summary>Runs the rules for a delivery <paramref name="owner"/> leased; false when the lease was lost meanwhile.</summary>
    public async Task<bool> ProcessAsync(Guid id, string owner, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CompleteAsync(id, owner, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(id, owner, ex, cancellationToken);
            return false;
        }
    }

    private async Task<bool> CompleteAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.LeaseOwner == owner, cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        var rules = await db.WebhookRules.AsNoTracking()
            .Where(r => r.WorkspaceId == delivery.WorkspaceId && r.ProviderId == delivery.ProviderId && r.EventType == delivery.EventType && r.Enabled)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        if (rules.Count > 0 && !tasks.ModelConfigured)
        {
            throw new ModelNotConfiguredException();
        }

        var provider = catalog.FindProvider(delivery.ProviderId);
        var plan = await PlanAsync(db, delivery, provider, rules, now, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.CompleteAsync(id, owner, plan.Starts.Count, plan.Skipped, now, cancellationToken);
        if (finished != 1)
        {
            LogLeaseLost(logger, id);
            return false;
        }

        var trigger = new TaskTrigger(delivery.ProviderId, delivery.EventType, plan.Id);
        var queued = plan.Starts.Select(start => tasks.Queue(
            db,
            new WorkspaceActor(start.Rule.WorkspaceId, start.Rule.CreatedBy, $"Rule: {provider?.Name ?? start.Rule.ProviderId} {start.Rule.EventType}", start.AuthorRole),
            start.Rule.AgentId,
            Render(start.Rule.Instruction, delivery.EventType, plan.Id),
            now,
            trigger)).ToList();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.WebhookProcessed(delivery.ProviderId, queued.Count > 0 ? "tasks_started" : plan.Skipped is null ? "no_rule" : "skipped");

        foreach (var task in queued)
        {
            taskEvents.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Queued));
        }

        LogProcessed(logger, id, delivery.ProviderId, delivery.EventType, queued.Count);
        return true;
    }

    /// <summary>Schedules the next attempt with backoff and jitter, or dead-letters after the last one (only while still holding the lease).</summary>
    private async Task FailAsync(Guid id, string owner, Exception error, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempts = await db.WebhookDeliveries.Where(d => d.Id == id && d.LeaseOwner == owner).Select(d => (int?)d.Attempts).SingleOrDefaultAsync(cancellationToken);
        if (attempts is null)
        {
            return;
        }

        var dead = attempts.Value >= settings.MaxAttempts;
        var delay = RetryDelay(attempts.Value, settings);
        // Shown to the workspace: our own sentences as they are, anything else (a database error) only by kind.
        var message = error is ModelNotConfiguredException
            ? Common.Text.Shorten(error.Message, 1000)
            : $"Processing failed ({error.GetType().Name}); the server log has the details.";
        await db.FailAsync(id, owner, dead, now + delay, message, cancellationToken);
        LogFailed(logger, error, id, attempts.Value, dead);
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: the background module's one backoff.</summary>
    public static TimeSpan RetryDelay(int attempts, WebhookOptions settings) => Backoff.Exponential(attempts, settings.RetryDelay, settings.MaxRetryDelay);

    /// <summary>Deletes deliveries older than the retention; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.CurrentValue.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// A rule's instruction for one event: <c>{id}</c> is the event's subject (or id), already checked to be an
    /// identifier; <c>{type}</c> its type, which equals the rule's own event type.
    /// </summary>
    public static string Render(string instruction, string? eventType, string? id) => Common.Text.Shorten(
        instruction.Replace("{id}", id is not null && Common.EndAnchoredPattern.Get(OpaqueIdentifier).IsMatch(id) ? id : "(the id in the event data)", StringComparison.Ordinal)
            .Replace("{type}", eventType ?? "event", StringComparison.Ordinal),
        AgentTask.MaxDescriptionLength - 1);

    /// <summary>
    /// Ids that read as no words (digits, hex, a UUID) go into the instruction itself; any other id (an Amplitude user
    /// id, an email, a token with dots) could spell a sentence, so the instruction names the data block instead.
    /// </summary>
    private const string OpaqueIdentifier = "^([0-9]{1,20}|[0-9A-Fa-f]{8,64}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$";

    /// <summary>The event's id for a rule's <c>{id}</c>, or null when it is not of the provider's declared shape.</summary>
    public static string? IdentifierOf(WebhookDelivery delivery, WebhookDefinition? hook)
    {
        if (delivery.SubjectId is { } subject)
        {
            return hook?.SubjectPattern is { } pattern && Common.EndAnchoredPattern.Get(pattern).IsMatch(subject) ? subject : null;
        }

        // No subject: the event id, ours (sha256:hex) or the provider's, with the generic identifier shape.
        return Common.EndAnchoredPattern.Get(GenericIdentifier).IsMatch(delivery.EventId) ? delivery.EventId : null;
    }

    private const string GenericIdentifier = "^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$";


    private sealed record RuleStart(WebhookRule Rule, WorkspaceRole AuthorRole);

    private sealed record RulePlan(IReadOnlyList<RuleStart> Starts, string? Id, string? Skipped);

    /// <summary>
    /// Which of the matching rules start a task for this event, and why the others do not: a rule whose author may no
    /// longer manage integrations (demoted or removed) starts nothing, nor does a rule whose <c>{id}</c> would take a
    /// value that is not an identifier, nor any rule past the workspace's event-task budget.
    /// </summary>
    private async Task<RulePlan> PlanAsync(
        AgentHubDbContext db, WebhookDelivery delivery, ProviderDefinition? provider, List<WebhookRule> rules, DateTime now, CancellationToken cancellationToken)
    {
        var id = IdentifierOf(delivery, provider?.Webhook);
        if (rules.Count == 0)
        {
            return new RulePlan([], id, null);
        }

        var authors = rules.Select(r => r.CreatedBy).Distinct().ToList();
        var roles = await db.Users.AsNoTracking()
            .Where(u => authors.Contains(u.Id) && u.WorkspaceId == delivery.WorkspaceId)
            .Select(u => new { u.Id, u.Role })
            .ToDictionaryAsync(u => u.Id, u => u.Role, cancellationToken);
        var settings = budget.CurrentValue;
        var since = now - settings.Window;
        var used = await db.Tasks.CountAsync(t => t.WorkspaceId == delivery.WorkspaceId && t.TriggerJson != null && t.CreatedAt > since, cancellationToken);
        var spent = await aiBudget.IsSpentAsync(delivery.WorkspaceId, cancellationToken);

        var starts = new List<RuleStart>();
        var skipped = new List<string>();
        foreach (var rule in rules)
        {
            if (!roles.TryGetValue(rule.CreatedBy, out var role) || role < WorkspaceRole.Admin)
            {
                skipped.Add(WebhookSkippedReasons.AuthorMayNotManage);
            }
            else if (id is null && rule.Instruction.Contains("{id}", StringComparison.Ordinal))
            {
                skipped.Add(WebhookSkippedReasons.NotAnIdentifier);
            }
            else if (used + starts.Count >= settings.PermitLimit)
            {
                skipped.Add(WebhookSkippedReasons.TaskBudget);
            }
            else if (spent)
            {
                skipped.Add(WebhookSkippedReasons.AiBudget);
            }
            else
            {
                starts.Add(new RuleStart(rule, role));
            }
        }

        if (skipped.Count > 0)
        {
            LogSkipped(logger, delivery.Id, skipped.Count);
        }

        return new RulePlan(starts, id, WebhookSkippedReasons.Store(skipped));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Id} ({Provider} {EventType}) processed: {Tasks} tasks started")]
    private static partial void LogProcessed(ILogger logger, Guid id, string provider, string? eventType, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Id}: {Skipped} matching rules started no task")]
    private static partial void LogSkipped(ILogger logger, Guid id, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} lost its lease before it finished; another processor has it")]
    private static partial void LogLeaseLost(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} failed on attempt {Attempts} (dead-lettered: {Dead})")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid id, int attempts, bool dead);
}

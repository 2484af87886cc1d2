using AgentHub.Core.Catalog;
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
        return await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Received && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.LeaseOwner, owner)
                .SetProperty(d => d.LeaseExpiresAt, until)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken) == 1;
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.LeaseOwner == owner && d.Status == WebhookDeliveryStatus.Received)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Processed)
                .SetProperty(d => d.ProcessedAt, now)
                .SetProperty(d => d.TasksStarted, rules.Count)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        if (finished != 1)
        {
            LogLeaseLost(logger, id);
            return false;
        }

        var queued = rules.Select(rule => tasks.Queue(
            db,
            new WorkspaceActor(rule.WorkspaceId, rule.CreatedBy, $"Rule: {provider?.Name ?? rule.ProviderId} {rule.EventType}", WorkspaceRole.Owner),
            rule.AgentId,
            Render(rule.Instruction, delivery),
            now)).ToList();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

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
        await db.WebhookDeliveries.Where(d => d.Id == id && d.LeaseOwner == owner).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Status, dead ? WebhookDeliveryStatus.DeadLettered : WebhookDeliveryStatus.Received)
            .SetProperty(d => d.NextAttemptAt, now + delay)
            .SetProperty(d => d.LastError, message)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);
        LogFailed(logger, error, id, attempts.Value, dead);
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1: doubling from the first delay, capped, ±20 % jitter.</summary>
    public static TimeSpan RetryDelay(int attempts, WebhookOptions settings)
    {
        var exponential = settings.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>Deletes deliveries older than the retention; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.CurrentValue.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A rule's instruction for one event: <c>{id}</c> is the event's subject (or id), <c>{type}</c> its type.</summary>
    public static string Render(string instruction, WebhookDelivery delivery) => Common.Text.Shorten(
        instruction.Replace("{id}", delivery.SubjectId ?? delivery.EventId, StringComparison.Ordinal)
            .Replace("{type}", delivery.EventType ?? "event", StringComparison.Ordinal),
        AgentTask.MaxDescriptionLength - 1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Id} ({Provider} {EventType}) processed: {Tasks} tasks started")]
    private static partial void LogProcessed(ILogger logger, Guid id, string provider, string? eventType, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} lost its lease before it finished; another processor has it")]
    private static partial void LogLeaseLost(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} failed on attempt {Attempts} (dead-lettered: {Dead})")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid id, int attempts, bool dead);
}

using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Every lease and status change of a <see cref="WebhookDelivery"/>, each one conditional write that names where it may
/// come from: only the holder of a delivery's lease can finish or fail it, and a replay never touches one being
/// processed. Each returns the rows it changed (0 or 1).
/// </summary>
public static class WebhookDeliveryTransitions
{
    /// <summary>Received, due and not leased → leased by <paramref name="owner"/> until <paramref name="until"/>; counts the attempt.</summary>
    public static Task<int> LeaseAsync(this AgentHubDbContext db, Guid id, string owner, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Received && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.LeaseOwner, owner)
                .SetProperty(d => d.LeaseExpiresAt, until)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);

    /// <summary>Received and leased by <paramref name="owner"/> → Processed, with the tasks its rules started and why others did not.</summary>
    public static Task<int> CompleteAsync(
        this AgentHubDbContext db, Guid id, string owner, int tasksStarted, string? skipped, DateTime now, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.Id == id && d.LeaseOwner == owner && d.Status == WebhookDeliveryStatus.Received)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Processed)
                .SetProperty(d => d.ProcessedAt, now)
                .SetProperty(d => d.TasksStarted, tasksStarted)
                .SetProperty(d => d.SkippedReason, skipped)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);

    /// <summary>Leased by <paramref name="owner"/> → Received again at <paramref name="retryAt"/>, or DeadLettered; the lease is given back.</summary>
    public static Task<int> FailAsync(
        this AgentHubDbContext db, Guid id, string owner, bool dead, DateTime retryAt, string error, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.Id == id && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, dead ? WebhookDeliveryStatus.DeadLettered : WebhookDeliveryStatus.Received)
                .SetProperty(d => d.NextAttemptAt, retryAt)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null), cancellationToken);

    /// <summary>Not processed and not leased → Received now, its attempts counted from zero (Replay).</summary>
    public static Task<int> ReplayAsync(this AgentHubDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status != WebhookDeliveryStatus.Processed && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Received)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now), cancellationToken);
}

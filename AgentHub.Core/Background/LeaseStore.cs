using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Background;

/// <summary>
/// Leases held in the database, so that several AgentHub instances sharing it do a piece of work once. Taking a lease
/// is one conditional write (update when expired or already ours, else insert), so exactly one contender wins on
/// SQLite and SQL Server alike; a holder that dies loses it when it expires.
/// </summary>
public sealed partial class LeaseStore(IDbContextFactory<AgentHubDbContext> dbFactory, TimeProvider time, ILogger<LeaseStore> logger)
{
    /// <summary>This process's identity in lease rows (one per instance).</summary>
    public string InstanceId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Takes the lease for <paramref name="duration"/> when it is free, expired or already this owner's.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, Lease.MaxNameLength, nameof(name));
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var until = now + duration;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var taken = await db.Leases
                .Where(l => l.Name == name && (l.ExpiresAt < now || l.Owner == owner))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), cancellationToken);
            if (taken == 1)
            {
                return true;
            }

            db.Leases.Add(new Lease { Name = name, Owner = owner, ExpiresAt = until });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another holder's row exists (the primary key refused ours): an expected outcome, not an error.
                if (await HeldByOtherAsync(name, owner, cancellationToken))
                {
                    LogBusy(logger, name);
                    return false;
                }

                // The holder gave it back between our insert and this look: the lease is free, so try once more.
                // Any other failure is rethrown, so the caller logs it.
                if (attempt >= 2)
                {
                    throw;
                }
            }
        }
    }

    private async Task<bool> HeldByOtherAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leases.AnyAsync(l => l.Name == name && l.Owner != owner, cancellationToken);
    }

    /// <summary>Gives the lease back early (only if this owner still holds it).</summary>
    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => l.Name == name && l.Owner == owner).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Name} is held by another owner")]
    private static partial void LogBusy(ILogger logger, string name);
}

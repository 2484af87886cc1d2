using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.CallLog;

/// <summary>Writes the call log, reads a connection's recent calls and usage, and keeps the table bounded.</summary>
public sealed class CallLogService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IOptionsMonitor<CallLogOptions> options,
    TimeProvider time) : ICallLogWriter
{
    public async Task RecordAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ProviderCalls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One agent's integration: its usage and newest calls (404 when the agent does not use the provider).</summary>
    public async Task<CallLogView> GetAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        int take = 20,
        CancellationToken cancellationToken = default)
    {
        var (_, link, _) = catalog.RequireIntegration(agentId, integrationId);
        var usage = await UsageAsync(actor, link.ProviderId, cancellationToken);
        var calls = await RecentAsync(actor, link.ProviderId, take, cancellationToken);
        return new CallLogView(usage.GetValueOrDefault(link.ProviderId) ?? CallUsage.None(link.ProviderId), calls.Select(ProviderCallView.From).ToList());
    }

    /// <summary>The newest calls to one provider in the actor's workspace.</summary>
    public async Task<IReadOnlyList<ProviderCall>> RecentAsync(
        WorkspaceActor actor,
        string providerId,
        int take = 20,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProviderCalls.AsNoTracking()
            .Where(c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == providerId)
            .OrderByDescending(c => c.Id)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Usage of every provider of the actor's workspace (or of one), in one query.</summary>
    public async Task<IReadOnlyDictionary<string, CallUsage>> UsageAsync(WorkspaceActor actor, CancellationToken cancellationToken = default) =>
        await UsageAsync(actor, providerId: null, cancellationToken);

    private async Task<IReadOnlyDictionary<string, CallUsage>> UsageAsync(WorkspaceActor actor, string? providerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Usage(await CallRows(db, actor.WorkspaceId, providerId, time.GetUtcNow().UtcDateTime).ToListAsync(cancellationToken));
    }

    /// <summary>Call usage per provider over 7 days and 24 hours, as one grouping (a cache hit reached no provider: counted apart).</summary>
    private static IQueryable<ActivityRow> CallRows(AgentHubDbContext db, Guid workspaceId, string? providerId, DateTime now)
    {
        var day = now.AddHours(-24);
        var week = now.AddDays(-7);
        return db.ProviderCalls.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.CreatedAt >= week && (providerId == null || c.ProviderId == providerId))
            .GroupBy(c => c.ProviderId)
            .Select(g => new ActivityRow
            {
                Events = false,
                ProviderId = g.Key,
                Calls24h = g.Count(c => c.CreatedAt >= day && !c.CacheHit),
                Errors24h = g.Count(c => c.CreatedAt >= day && !c.CacheHit && c.Reason != OutcomeReason.Ok),
                Calls7d = g.Count(c => !c.CacheHit),
                Errors7d = g.Count(c => !c.CacheHit && c.Reason != OutcomeReason.Ok),
                CacheHits24h = g.Count(c => c.CreatedAt >= day && c.CacheHit),
            });
    }

    private static Dictionary<string, CallUsage> Usage(IEnumerable<ActivityRow> rows) => rows.Where(r => !r.Events).ToDictionary(
        r => r.ProviderId, r => new CallUsage(r.ProviderId, r.Calls24h, r.Errors24h, r.Calls7d, r.Errors7d) { CacheHits24h = r.CacheHits24h });

    /// <summary>
    /// What the overview shows per provider: call usage (24 hours and 7 days) and webhook events received in 24 hours,
    /// in one SQL command (a UNION ALL of both groupings).
    /// </summary>
    public async Task<WorkspaceActivity> ActivityAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var day = now.AddHours(-24);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WorkspaceId == actor.WorkspaceId && d.ReceivedAt >= day)
            .GroupBy(d => d.ProviderId)
            // A set operation needs the same members on both sides: the call columns are zero here.
            .Select(g => new ActivityRow { Events = true, ProviderId = g.Key, Calls24h = g.Count(), Errors24h = 0, Calls7d = 0, Errors7d = 0, CacheHits24h = 0 });
        var rows = await CallRows(db, actor.WorkspaceId, null, now).Concat(events).ToListAsync(cancellationToken);
        return new WorkspaceActivity(Usage(rows), rows.Where(r => r.Events).ToDictionary(r => r.ProviderId, r => r.Calls24h, StringComparer.Ordinal));
    }

    private sealed class ActivityRow
    {
        public bool Events { get; init; }
        public required string ProviderId { get; init; }
        public int Calls24h { get; init; }
        public int Errors24h { get; init; }
        public int Calls7d { get; init; }
        public int Errors7d { get; init; }
        public int CacheHits24h { get; init; }
    }

    /// <summary>Deletes calls older than the retention period and beyond the per-connection cap; returns rows deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.ProviderCalls.Where(c => c.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        var crowded = await db.ProviderCalls
            .GroupBy(c => new { c.WorkspaceId, c.ProviderId })
            .Where(g => g.Count() > settings.MaxRowsPerConnection)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
        foreach (var key in crowded)
        {
            var oldestKept = await db.ProviderCalls
                .Where(c => c.WorkspaceId == key.WorkspaceId && c.ProviderId == key.ProviderId)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Skip(settings.MaxRowsPerConnection - 1)
                .Select(c => new { c.CreatedAt, c.Id })
                .FirstAsync(cancellationToken);
            deleted += await db.ProviderCalls
                .Where(c => c.WorkspaceId == key.WorkspaceId && c.ProviderId == key.ProviderId &&
                            (c.CreatedAt < oldestKept.CreatedAt || (c.CreatedAt == oldestKept.CreatedAt && c.Id < oldestKept.Id)))
                .ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }
}

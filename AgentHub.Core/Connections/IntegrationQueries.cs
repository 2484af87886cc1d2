using System.Globalization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AgentHub.Core.Connections;

/// <summary>
/// Reads a workspace's integrations for the API and the pages: one snapshot of the workspace's connection rows (with
/// which providers have the workspace's own OAuth app, and how many approvals wait in its Inbox) from one SQL command,
/// then from memory until a change published in this process evicts it, or for <see cref="ReadCacheLifetime"/>.
/// </summary>
public sealed class IntegrationQueries(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    ConnectionEvents events,
    IntegrationViewMapper views,
    IOAuthAvailability oauthApps,
    IMemoryCache cache)
{
    /// <summary>
    /// How long a workspace's snapshot is served from memory. Every write through this process evicts it at once; a
    /// write made by another instance sharing the database shows here within this time.
    /// </summary>
    public static readonly TimeSpan ReadCacheLifetime = TimeSpan.FromSeconds(5);

    // The snapshot listens to every connection change published in this process (a write here, a token refresh, an
    // OAuth app registered), so no writer needs to know its key; approvals evict it through Evict.
    private readonly SnapshotGenerations _generations = SnapshotGenerations.Listen(events, cache);

    /// <summary>
    /// Each workspace's count of evictions: a snapshot read while a change came in (its query started before the
    /// change's commit) is not stored, or it would be served, stale, after the eviction meant to drop it.
    /// </summary>
    private sealed class SnapshotGenerations
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, long> _counts = new();
        private IMemoryCache _cache = null!;

        public static SnapshotGenerations Listen(ConnectionEvents events, IMemoryCache cache)
        {
            var generations = new SnapshotGenerations { _cache = cache };
            events.Changed += change => generations.Evict(change.WorkspaceId);
            return generations;
        }

        public long Of(Guid workspaceId) => _counts.GetValueOrDefault(workspaceId);

        public void Evict(Guid workspaceId)
        {
            _counts.AddOrUpdate(workspaceId, 1, static (_, count) => count + 1);
            _cache.Remove(CacheKey(workspaceId));
        }
    }

    public async Task<IReadOnlyList<AgentIntegrationsView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        var rows = await SnapshotAsync(actor.WorkspaceId, cancellationToken);
        var apps = oauthApps.AvailableProviders(rows.OwnApps);
        return catalog.Agents.Select(agent => views.ToView(agent, rows.Connections, apps)).ToList();
    }

    public async Task<AgentIntegrationsView> GetAgentAsync(WorkspaceActor actor, string agentId, CancellationToken cancellationToken = default)
    {
        var agent = catalog.RequireAgent(agentId);
        var rows = await SnapshotAsync(actor.WorkspaceId, cancellationToken);
        // Built once per snapshot and language (a change replaces the snapshot): the same view object answers every
        // read in that language until then, so the API can also keep its serialized form. Per language, because labels,
        // roles and status sentences are in the reader's.
        var language = Languages.Normalize(CultureInfo.CurrentUICulture.Name) ?? Languages.English;
        return rows.AgentViews.GetOrAdd($"{language}/{agent.Id}", static (_, state) =>
            state.Views.ToView(state.Agent, state.Rows.Connections, state.Apps.AvailableProviders(state.Rows.OwnApps)), (Views: views, Agent: agent, Rows: rows, Apps: oauthApps));
    }

    public async Task<IntegrationView> GetAsync(WorkspaceActor actor, string agentId, string integrationId, CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = catalog.RequireIntegration(agentId, integrationId);
        var rows = await SnapshotAsync(actor.WorkspaceId, cancellationToken);
        return views.ToView(agent, link, provider, rows.Connections.GetValueOrDefault(provider.Id), oauthApps.AvailableProviders(rows.OwnApps));
    }

    /// <summary>The view of one integration after a write, with the workspace's OAuth app sources.</summary>
    public async Task<IntegrationView> ViewAsync(
        Guid workspaceId, AgentDefinition agent, AgentIntegration link, ProviderDefinition provider, Connection? connection, CancellationToken cancellationToken) =>
        views.ToView(agent, link, provider, connection, oauthApps.AvailableProviders((await SnapshotAsync(workspaceId, cancellationToken)).OwnApps));

    /// <summary>Approvals waiting in the workspace's Inbox (the drawer's badge), from the snapshot.</summary>
    public async Task<int> PendingApprovalsAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(workspaceId, cancellationToken)).PendingApprovals;

    /// <summary>Drops the workspace's snapshot (an approval was asked for or decided).</summary>
    public void Evict(Guid workspaceId) => _generations.Evict(workspaceId);

    /// <summary>
    /// The workspace's snapshot: its connection rows (an EXISTS per row for its own OAuth app; registering an app
    /// creates the provider's row), its pending approvals and whether it has an AI budget, in one query from the
    /// workspace's row.
    /// </summary>
    public async Task<WorkspaceSnapshot> SnapshotAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var key = CacheKey(workspaceId);
        if (cache.TryGetValue(key, out WorkspaceSnapshot? cached) && cached is not null)
        {
            return cached;
        }

        var generation = _generations.Of(workspaceId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == workspaceId)
            .Select(w => new
            {
                Pending = db.Approvals.Count(a => a.WorkspaceId == w.Id && a.Status == Tasks.ApprovalStatus.Pending),
                HasBudget = w.BudgetTokens != null || w.BudgetCostMicros != null,
                Rows = db.Connections.Where(c => c.WorkspaceId == w.Id)
                    .Select(c => new { Connection = c, OwnApp = db.OAuthApps.Any(a => a.WorkspaceId == c.WorkspaceId && a.ProviderId == c.ProviderId) })
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var snapshot = new WorkspaceSnapshot(
            (loaded?.Rows ?? []).ToDictionary(r => r.Connection.ProviderId, r => r.Connection),
            (loaded?.Rows ?? []).Where(r => r.OwnApp).Select(r => r.Connection.ProviderId).ToHashSet(StringComparer.Ordinal),
            loaded?.Pending ?? 0,
            loaded?.HasBudget ?? false);
        cache.Set(key, snapshot, ReadCacheLifetime);
        if (_generations.Of(workspaceId) != generation)
        {
            // A change came in while this was read (or just as it was stored): drop it rather than serve it stale.
            cache.Remove(key);
        }

        return snapshot;
    }

    private static string CacheKey(Guid workspaceId) => $"workspace-snapshot:{workspaceId:N}";
}

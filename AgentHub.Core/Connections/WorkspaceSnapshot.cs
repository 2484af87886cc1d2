using System.Collections.Concurrent;

namespace AgentHub.Core.Connections;

/// <summary>A workspace's connection rows, the providers with its own OAuth app, and its pending approvals, as read at one moment.</summary>
public sealed record WorkspaceSnapshot(IReadOnlyDictionary<string, Connection> Connections, IReadOnlySet<string> OwnApps, int PendingApprovals, bool HasBudget = false)
{
    /// <summary>Each agent's view of these rows per language (`fr/penn`), built on first use.</summary>
    internal ConcurrentDictionary<string, AgentIntegrationsView> AgentViews { get; } = new(StringComparer.Ordinal);
}

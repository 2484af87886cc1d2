using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Web.Components.Pages.Overview;

/// <summary>
/// The admin overview's data: a row per agent and integration, the filters (agent, category, status, search) and the
/// counts by status and reason. Counts are per connection (a provider shared by two agents counts once).
/// </summary>
public sealed class OverviewModel
{
    public OverviewModel(
        IReadOnlyList<AgentIntegrationsView> agents,
        IIntegrationCatalog catalog,
        IReadOnlyDictionary<string, CallUsage> usage,
        IReadOnlyDictionary<string, int>? events = null)
    {
        Rows = agents
            .SelectMany(a => a.Integrations.Select(i => new OverviewRow(
                catalog.FindAgent(a.AgentId)!,
                i,
                usage.GetValueOrDefault(i.Id) ?? CallUsage.None(i.Id),
                catalog.FindProvider(i.Id)?.Webhook is null ? null : events?.GetValueOrDefault(i.Id) ?? 0)))
            .ToList();
        Connections = Rows.GroupBy(r => r.Integration.Id).Select(g => g.First().Integration).ToList();
    }

    public IReadOnlyList<OverviewRow> Rows { get; }

    /// <summary>Each provider once.</summary>
    public IReadOnlyList<IntegrationView> Connections { get; }

    public string? AgentFilter { get; set; }
    public string? CategoryFilter { get; set; }
    public ConnectionStatus? StatusFilter { get; set; }
    public string? Search { get; set; }

    /// <summary>A category as the page shows it, in the person's language, so that a search finds what they read.</summary>
    public Func<string, string>? CategoryLabel { get; init; }

    public IEnumerable<OverviewRow> Filtered => Rows.Where(r =>
        (AgentFilter is null || r.Agent.Id == AgentFilter) &&
        (CategoryFilter is null || r.Integration.Category == CategoryFilter) &&
        (StatusFilter is null || r.Integration.Status == StatusFilter) &&
        (string.IsNullOrWhiteSpace(Search) || Matches(r, Search.Trim())));

    public int CountOf(ConnectionStatus status) => Connections.Count(c => c.Status == status);

    public IReadOnlyList<(OutcomeReason Reason, int Count)> ReasonCounts => Connections
        .Where(c => c.StatusReason is not null)
        .GroupBy(c => c.StatusReason!.Value)
        .OrderBy(g => g.Key)
        .Select(g => (g.Key, g.Count()))
        .ToList();

    public IReadOnlyList<string> Categories => Connections.Select(c => c.Category).Distinct().Order().ToList();

    /// <summary>The status of an agent's use of a provider, or null when the agent does not use it (the matrix).</summary>
    public ConnectionStatus? StatusOf(string agentId, string providerId) =>
        Rows.FirstOrDefault(r => r.Agent.Id == agentId && r.Integration.Id == providerId)?.Integration.Status;

    private bool Matches(OverviewRow row, string text) =>
        row.Integration.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        row.Integration.Id.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        row.Agent.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        row.Integration.Category.Replace('_', ' ').Contains(text, StringComparison.OrdinalIgnoreCase) ||
        (CategoryLabel?.Invoke(row.Integration.Category).Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) ||
        (row.Integration.StatusMessage?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}

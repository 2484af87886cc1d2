using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Web.Components.Shared;

/// <summary>How many of an agent's integrations are connected, as the drawer shows it ("2/5").</summary>
public sealed record NavCounts(string Agent, int Connected, int Total)
{
    /// <summary>The drawer's colour class: every integration connected, some, or none.</summary>
    public string Level => Connected == Total ? "all" : Connected > 0 ? "some" : "none";

    public string Title => $"{Connected} of {Total} integrations connected";

    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IReadOnlyList<NavCounts> Of(IIntegrationCatalog catalog, WorkspaceState state) =>
        catalog.Agents.Select(agent =>
        {
            var view = state.FindAgent(agent.Id);
            var connected = view?.Integrations.Count(i => i.Status == ConnectionStatus.Connected) ?? 0;
            return new NavCounts(agent.Id, connected, agent.Integrations.Count);
        }).ToList();
}

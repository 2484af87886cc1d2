using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// How many of an agent's integrations are connected, as the drawer shows it ("2/5"), with the drawer's tooltip in the
/// person's language.
/// </summary>
public sealed record NavCounts(string Agent, int Connected, int Total, string Title)
{
    /// <summary>The drawer's colour class: every integration connected, some, or none.</summary>
    public string Level => Connected == Total ? "all" : Connected > 0 ? "some" : "none";

    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The counts of one agent, with their tooltip ("2 of 5 integrations connected").</summary>
    public static NavCounts Create(IStringLocalizer<SharedText> text, string agent, int connected, int total) =>
        new(agent, connected, total, text["NavCountsTitle", connected, total].Value);

    public static IReadOnlyList<NavCounts> Of(IIntegrationCatalog catalog, WorkspaceState state, IStringLocalizer<SharedText> text) =>
        catalog.Agents.Select(agent =>
        {
            var view = state.FindAgent(agent.Id);
            var connected = view?.Integrations.Count(i => i.Status == ConnectionStatus.Connected) ?? 0;
            return Create(text, agent.Id, connected, agent.Integrations.Count);
        }).ToList();
}

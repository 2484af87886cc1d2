using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>The loaded catalog: Core's view (agents, providers) and the check specs the verifier runs.</summary>
public sealed class IntegrationCatalog : IIntegrationCatalog
{
    private readonly Dictionary<string, AgentDefinition> _agents;
    private readonly Dictionary<string, ProviderCheck> _checks;
    private readonly Dictionary<string, IReadOnlyList<AgentDefinition>> _agentsByProvider;
    private readonly Dictionary<string, ActionDefinition> _tools;

    internal IntegrationCatalog(IReadOnlyList<AgentDefinition> agents, IReadOnlyList<ProviderCheck> checks)
    {
        Agents = agents;
        Providers = checks.Select(c => c.Provider).ToList();
        _agents = agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _checks = checks.ToDictionary(c => c.Provider.Id, StringComparer.Ordinal);
        _agentsByProvider = Providers.ToDictionary(
            p => p.Id,
            p => (IReadOnlyList<AgentDefinition>)agents.Where(a => a.FindIntegration(p.Id) is not null).ToList(),
            StringComparer.Ordinal);
        _tools = Providers.SelectMany(p => p.Actions).ToDictionary(a => a.ToolName, StringComparer.Ordinal);
    }

    public IReadOnlyList<AgentDefinition> Agents { get; }
    public IReadOnlyList<ProviderDefinition> Providers { get; }
    public IReadOnlyCollection<ProviderCheck> Checks => _checks.Values;

    public AgentDefinition? FindAgent(string agentId) => _agents.GetValueOrDefault(agentId);

    public ProviderDefinition? FindProvider(string providerId) => _checks.GetValueOrDefault(providerId)?.Provider;

    public ProviderCheck? FindCheck(string providerId) => _checks.GetValueOrDefault(providerId);

    public ActionDefinition? FindTool(string toolName) => _tools.GetValueOrDefault(toolName);

    public IReadOnlyList<AgentDefinition> AgentsUsing(string providerId) =>
        _agentsByProvider.GetValueOrDefault(providerId) ?? [];
}

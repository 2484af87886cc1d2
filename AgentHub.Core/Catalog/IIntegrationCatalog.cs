namespace AgentHub.Core.Catalog;

/// <summary>The agents and providers AgentHub knows; loaded once at startup from the declarative catalog.</summary>
public interface IIntegrationCatalog
{
    IReadOnlyList<AgentDefinition> Agents { get; }
    IReadOnlyList<ProviderDefinition> Providers { get; }
    AgentDefinition? FindAgent(string agentId);
    ProviderDefinition? FindProvider(string providerId);

    /// <summary>An action by its tool name (`{provider_id}_{action}`), or null.</summary>
    ActionDefinition? FindTool(string toolName);

    /// <summary>The agents that use a provider, in catalog order.</summary>
    IReadOnlyList<AgentDefinition> AgentsUsing(string providerId);
}

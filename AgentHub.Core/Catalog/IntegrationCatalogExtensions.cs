using AgentHub.Core.Common;

namespace AgentHub.Core.Catalog;

public static class IntegrationCatalogExtensions
{
    /// <summary>An agent by id, or a 404 that names the id (shortened: it is the caller's input).</summary>
    public static AgentDefinition RequireAgent(this IIntegrationCatalog catalog, string agentId) =>
        catalog.FindAgent(agentId) ?? throw new NotFoundException(CoreText.Get("Catalog_NoAgent", Text.Shorten(agentId, 64)));

    /// <summary>One integration of an agent (`/{agent_id}/{integration_id}`) with its provider, or a 404.</summary>
    public static (AgentDefinition Agent, AgentIntegration Link, ProviderDefinition Provider) RequireIntegration(
        this IIntegrationCatalog catalog, string agentId, string integrationId)
    {
        var agent = catalog.RequireAgent(agentId);
        var link = agent.FindIntegration(integrationId)
            ?? throw new NotFoundException(CoreText.Get("Catalog_NoIntegration", agent.Name, Text.Shorten(integrationId, 64)));
        var provider = catalog.FindProvider(link.ProviderId)
            ?? throw new InvalidOperationException($"The catalog links {agent.Id} to unknown provider {link.ProviderId}.");
        return (agent, link, provider);
    }
}

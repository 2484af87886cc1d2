namespace AgentHub.Integrations.Catalog;

// The shape of catalog.json (snake_case). Read once by CatalogLoader and turned into Core definitions plus check specs.

internal sealed record CatalogDocument(IReadOnlyList<AgentEntry> Agents, IReadOnlyList<ProviderEntry> Providers);

using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

// The shape of catalog.json (snake_case). Read once by CatalogLoader and turned into Core definitions plus check specs.

internal sealed record CatalogDocument(IReadOnlyList<AgentEntry> Agents, IReadOnlyList<ProviderEntry> Providers);

internal sealed record AgentEntry(
    string Id,
    string Name,
    string Role,
    string Persona,
    string Color,
    IReadOnlyList<AgentIntegrationEntry> Integrations,
    string? Avatar = null);

internal sealed record AgentIntegrationEntry(string Provider, string Description);

internal sealed record ProviderEntry(
    string Id,
    string Name,
    string Category,
    string DocsUrl,
    string Summary,
    IReadOnlyList<FieldEntry> Fields,
    CheckSpec Check,
    string? Icon = null,
    RateLimitSpec? RateLimit = null);

internal sealed record FieldEntry(
    string Name,
    string Label,
    CredentialFieldType Type,
    bool Required,
    string? Help = null,
    string? Placeholder = null,
    string? Pattern = null,
    string? PatternMessage = null,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<string>? HostSuffixes = null,
    int? MaxLength = null);

using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

// The shape of catalog.json (snake_case). Read once by CatalogLoader and turned into Core definitions plus check specs.

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

namespace AgentHub.Integrations.Catalog;

// The shape of catalog.json (snake_case). Read once by CatalogLoader and turned into Core definitions plus check specs.

internal sealed record ProviderEntry(
    string Id,
    string Name,
    string Category,
    string DocsUrl,
    string Summary,
    IReadOnlyList<FieldEntry> Fields,
    CheckSpec Check,
    string? Icon = null,
    RateLimitSpec? RateLimit = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("oauth")] OAuthSpec? OAuth = null,
    IReadOnlyList<ActionSpec>? Actions = null,
    WebhookEntry? Webhook = null);

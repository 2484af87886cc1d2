namespace AgentHub.Integrations.Catalog;

// A translation of the catalog's display texts (catalog.{language}.json), keyed by id: what people read, never what
// the model or the provider reads (descriptions for the model, parameters, URLs stay as in catalog.json). Every member
// may be absent in the JSON so that CatalogTranslator can name each missing text by its path.

internal sealed record CatalogTranslationDocument(
    IReadOnlyDictionary<string, AgentTranslation>? Agents = null,
    IReadOnlyDictionary<string, ProviderTranslation>? Providers = null);

internal sealed record AgentTranslation(string? Role = null, string? Persona = null, IReadOnlyDictionary<string, string>? Integrations = null);

internal sealed record ProviderTranslation(
    string? Summary = null,
    IReadOnlyDictionary<string, FieldTranslation>? Fields = null,
    IReadOnlyDictionary<string, ActionTranslation>? Actions = null,
    WebhookTranslation? Webhook = null);

internal sealed record FieldTranslation(string? Label = null, string? Help = null, string? PatternMessage = null);

internal sealed record ActionTranslation(string? Title = null, string? Preview = null);

internal sealed record WebhookTranslation(string? Setup = null, IReadOnlyDictionary<string, FieldTranslation>? Secrets = null);

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
    WebhookTranslation? Webhook = null,
    CheckTranslation? Check = null);

internal sealed record FieldTranslation(string? Label = null, string? Help = null, string? PatternMessage = null);

internal sealed record ActionTranslation(string? Title = null, string? Preview = null);

/// <summary>What a check says to people: a missing grant's message (by its place in `check.grants`) and a derived value's.</summary>
internal sealed record CheckTranslation(IReadOnlyList<string>? Grants = null, IReadOnlyDictionary<string, string>? Derive = null);

/// <summary>A webhook's setup help, its secrets' fields, and its suggested rules' instructions (by event type).</summary>
internal sealed record WebhookTranslation(
    string? Setup = null,
    IReadOnlyDictionary<string, FieldTranslation>? Secrets = null,
    IReadOnlyDictionary<string, string>? SuggestedRules = null);

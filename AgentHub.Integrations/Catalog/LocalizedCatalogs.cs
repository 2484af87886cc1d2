using System.Globalization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// The catalog in each language, and the catalog as the current culture reads it. Ids, schemas, checks and actions are
/// the same objects' values in every language; only display texts (roles, summaries, labels, help, titles, previews,
/// setup sentences) differ. The culture is the request's (pages) or English (the API, background work, the model).
/// </summary>
public sealed class LocalizedCatalogs(IntegrationCatalog english, IReadOnlyDictionary<string, IntegrationCatalog> translations) : IIntegrationCatalog
{
    public IntegrationCatalog English { get; } = english;

    /// <summary>The catalog in a language AgentHub speaks ("fr", "fr-CA"), else in English.</summary>
    public IntegrationCatalog For(string? language) =>
        Languages.Normalize(language) is { } known && translations.TryGetValue(known, out var catalog) ? catalog : English;

    /// <summary>Read on every catalog access: the culture's cached two-letter name and one lookup, no parsing.</summary>
    private IntegrationCatalog Current =>
        translations.TryGetValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var catalog) ? catalog : English;

    public IReadOnlyList<AgentDefinition> Agents => Current.Agents;

    public IReadOnlyList<ProviderDefinition> Providers => Current.Providers;

    public AgentDefinition? FindAgent(string agentId) => Current.FindAgent(agentId);

    public ProviderDefinition? FindProvider(string providerId) => Current.FindProvider(providerId);

    public ActionDefinition? FindTool(string toolName) => Current.FindTool(toolName);

    public IReadOnlyList<AgentDefinition> AgentsUsing(string providerId) => Current.AgentsUsing(providerId);
}

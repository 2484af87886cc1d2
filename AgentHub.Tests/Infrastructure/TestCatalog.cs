using AgentHub.Core.Catalog;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Infrastructure;

/// <summary>The real catalog plus one synthetic provider with a field of every type (no real provider uses textarea).</summary>
public sealed class TestCatalog(IIntegrationCatalog inner) : IIntegrationCatalog
{
    public static readonly ProviderDefinition AllTypes = new()
    {
        Id = "all_types",
        Name = "All Types",
        Category = "content",
        Icon = "/icons/jasper.svg",
        DocsUrl = "https://example.test/docs",
        Summary = "A test provider.",
        RoutingFields = new HashSet<string>(),
        Fields =
        [
            new CredentialField { Name = "secret", Label = "Secret", Type = CredentialFieldType.Password, Required = true, Help = "h", Placeholder = "p" },
            new CredentialField { Name = "account", Label = "Account", Type = CredentialFieldType.Text, Required = true, Help = "h" },
            new CredentialField { Name = "contact", Label = "Contact", Type = CredentialFieldType.Email, Required = false, Help = "h" },
            new CredentialField { Name = "endpoint", Label = "Endpoint", Type = CredentialFieldType.Url, Required = false, Help = "h" },
            new CredentialField { Name = "notes", Label = "Notes", Type = CredentialFieldType.Textarea, Required = false, Help = "h" },
        ],
    };

    public IReadOnlyList<AgentDefinition> Agents => inner.Agents;
    public IReadOnlyList<ProviderDefinition> Providers => inner.Providers;
    public AgentDefinition? FindAgent(string agentId) => inner.FindAgent(agentId);
    public ProviderDefinition? FindProvider(string providerId) => providerId == AllTypes.Id ? AllTypes : inner.FindProvider(providerId);
    public IReadOnlyList<AgentDefinition> AgentsUsing(string providerId) => inner.AgentsUsing(providerId);
    public ActionDefinition? FindTool(string toolName) => inner.FindTool(toolName);
}

namespace AgentHub.Core.Catalog;

/// <summary>A third-party service an agent can be connected to, as the catalog describes it.</summary>
public sealed record ProviderDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Icon { get; init; }
    public required string DocsUrl { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<CredentialField> Fields { get; init; }

    /// <summary>
    /// Fields that decide which host receives the secrets (a Zendesk subdomain, a Salesforce instance URL, a region).
    /// Changing one of them requires the secrets to be entered again, so a stored secret is never sent to a host
    /// its owner did not type it for.
    /// </summary>
    public required IReadOnlySet<string> RoutingFields { get; init; }

    /// <summary>
    /// Fields whose values travel in a request header (a bearer token, Basic credentials, an API-key header). HTTP
    /// header values are printable ASCII, so these fields accept nothing else.
    /// </summary>
    public IReadOnlySet<string> HeaderFields { get; init; } = new HashSet<string>();

    /// <summary>How the provider connects with OAuth 2.0, or null when it has no authorization-code flow.</summary>
    public OAuthDefinition? OAuth { get; init; }

    /// <summary>The typed actions agents may take with a connection to this provider (catalog order).</summary>
    public IReadOnlyList<ActionDefinition> Actions { get; init; } = [];

    /// <summary>How the provider delivers webhooks, or null when AgentHub receives none from it.</summary>
    public WebhookDefinition? Webhook { get; init; }

    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    public CredentialField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public IEnumerable<CredentialField> SecretFields => Fields.Where(f => f.IsSecret);
}

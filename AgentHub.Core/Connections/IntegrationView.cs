namespace AgentHub.Core.Connections;

/// <summary>One integration of one agent, as the API and the pages show it. Never carries a secret value.</summary>
public sealed record IntegrationView(
    string Id,
    string Name,
    string Icon,
    string Description,
    string Category,
    string DocsUrl,
    ConnectionStatus Status,
    bool IsConfigured,
    OutcomeReason? StatusReason,
    string? StatusMessage,
    string? ProviderMessage,
    DateTime? LastTestedAt,
    DateTime? LastConnectedAt,
    DateTime? UpdatedAt,
    IReadOnlyList<string> SharedWith,
    IReadOnlyList<CredentialFieldView> RequiredCredentials,
    string? Version);

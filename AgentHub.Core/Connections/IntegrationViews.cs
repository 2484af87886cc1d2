namespace AgentHub.Core.Connections;

/// <summary>An agent with the state of each integration it uses.</summary>
public sealed record AgentIntegrationsView(
    string AgentId,
    string AgentName,
    string Role,
    IReadOnlyList<IntegrationView> Integrations);

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

/// <summary>A credential field with whether a value is stored; only non-secret values are ever shown back.</summary>
public sealed record CredentialFieldView(
    string Name,
    string Label,
    string Type,
    bool Required,
    string? Help,
    string? Placeholder,
    IReadOnlyList<string>? Options,
    bool IsSet,
    string? Value);

/// <summary>What a connection test found, and the integration as it stands afterwards.</summary>
public sealed record ConnectionTestResult(IntegrationView Integration, ConnectionTestOutcome Outcome);

/// <summary>The outcome of one connection test, for the API and the dialog.</summary>
public sealed record ConnectionTestOutcome(
    bool Success,
    OutcomeReason Reason,
    string Message,
    string? ProviderMessage,
    string? Field,
    int? HttpStatus,
    double? RetryAfterSeconds,
    double? DurationMs)
{
    public static ConnectionTestOutcome From(VerificationOutcome outcome) => new(
        outcome.IsSuccess,
        outcome.Reason,
        outcome.Message,
        outcome.ProviderMessage,
        outcome.Field,
        outcome.HttpStatus,
        outcome.RetryAfter?.TotalSeconds,
        outcome.Duration is { } d ? Math.Round(d.TotalMilliseconds, 1) : null);
}

/// <summary>Progress of a "test all" run: checks finished, checks in all, and the provider that just finished.</summary>
public sealed record TestAllProgress(int Done, int Total, string? ProviderId);

namespace AgentHub.Core.Connections;

/// <summary>An agent with the state of each integration it uses.</summary>
public sealed record AgentIntegrationsView(
    string AgentId,
    string AgentName,
    string Role,
    IReadOnlyList<IntegrationView> Integrations);

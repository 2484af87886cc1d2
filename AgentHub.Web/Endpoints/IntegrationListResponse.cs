using AgentHub.Core.Connections;

namespace AgentHub.Web.Endpoints;

/// <summary>Every agent with its integrations.</summary>
public sealed record IntegrationListResponse(IReadOnlyList<AgentIntegrationsView> Agents);

using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Every agent with its integrations.</summary>
public sealed record IntegrationListResponse(IReadOnlyList<AgentIntegrationsView> Agents);

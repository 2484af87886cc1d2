using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>`/{agent_id}/{integration_id}`: one integration of an agent.</summary>
public sealed record IntegrationRoute(
    [FromRoute(Name = "agent_id")] string AgentId,
    [FromRoute(Name = "integration_id")] string IntegrationId);

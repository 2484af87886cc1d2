using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>`/{agent_id}`: an agent, by its catalog id.</summary>
public sealed record AgentRoute([FromRoute(Name = "agent_id")] string AgentId);

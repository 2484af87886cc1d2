using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

public sealed record RoleRequest(string? Role);

namespace AgentHub.Web.Endpoints;

public sealed record RoleRequest(string? Role);

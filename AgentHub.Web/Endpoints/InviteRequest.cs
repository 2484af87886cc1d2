namespace AgentHub.Web.Endpoints;

public sealed record InviteRequest(string? Email, string? Role);

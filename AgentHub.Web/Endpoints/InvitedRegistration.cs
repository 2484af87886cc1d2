namespace AgentHub.Web.Endpoints;

public sealed record InvitedRegistration(string? Email, string? Password, string? Invitation);

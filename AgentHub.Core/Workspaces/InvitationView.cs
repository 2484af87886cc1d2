namespace AgentHub.Core.Workspaces;

public sealed record InvitationView(Guid Id, string Email, WorkspaceRole Role, DateTime ExpiresAt);

namespace AgentHub.Core.Workspaces;

public sealed record MemberView(string UserId, string Email, WorkspaceRole Role, DateTime JoinedAt);

namespace AgentHub.Core.Workspaces;

/// <summary>Who is calling a Core service, and in which workspace: every service call is scoped by it.</summary>
public sealed record WorkspaceActor(Guid WorkspaceId, string UserId, string DisplayName, WorkspaceRole Role)
{
    public bool CanManageIntegrations => Role >= WorkspaceRole.Admin;
}

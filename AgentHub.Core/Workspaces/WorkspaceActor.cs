namespace AgentHub.Core.Workspaces;

/// <summary>Who is calling a Core service, and in which workspace: every service call is scoped by it.</summary>
public sealed record WorkspaceActor(Guid WorkspaceId, string UserId, string DisplayName, WorkspaceRole Role)
{
    public bool CanManageIntegrations => Role >= WorkspaceRole.Admin;

    /// <summary>The actor as the audit trail records it (owners read the trail; owners and admins manage).</summary>
    public static implicit operator Audit.AuditActor(WorkspaceActor actor) =>
        new(actor.WorkspaceId, actor.UserId, actor.DisplayName, actor.CanManageIntegrations, actor.Role == WorkspaceRole.Owner);
}

namespace AgentHub.Core.Audit;

/// <summary>
/// Who an audit entry is about, as the audit trail needs it: the workspace, the user, what they may do with the trail
/// and with integrations. Every <c>WorkspaceActor</c> converts to one, so the trail needs nothing of Workspaces.
/// </summary>
public sealed record AuditActor(Guid WorkspaceId, string UserId, string DisplayName, bool CanManage, bool CanReadTrail);

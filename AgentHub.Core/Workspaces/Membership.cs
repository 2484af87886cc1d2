namespace AgentHub.Core.Workspaces;

/// <summary>A cached membership, with the account's security stamp (which sessions are still valid).</summary>
public sealed record Membership(Guid WorkspaceId, WorkspaceRole Role, string Name, string? SecurityStamp);

namespace AgentHub.Core.Workspaces;

/// <summary>What a user may do inside a workspace.</summary>
public enum WorkspaceRole
{
    /// <summary>Views agents and statuses only.</summary>
    Member = 0,

    /// <summary>Configures, tests and disconnects integrations; sees the admin overview.</summary>
    Admin = 1,

    /// <summary>An admin who also manages members and roles.</summary>
    Owner = 2,
}

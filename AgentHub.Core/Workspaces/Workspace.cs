namespace AgentHub.Core.Workspaces;

/// <summary>A tenant: every connection, call-log row and audit row belongs to one workspace.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

namespace AgentHub.Core.Workspaces;

/// <summary>A tenant: every connection, call-log row and audit row belongs to one workspace.</summary>
public sealed class Workspace
{
    /// <summary>The workspace of an install that has no accounts yet; used until sign-in exists.</summary>
    public static readonly Guid DefaultId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

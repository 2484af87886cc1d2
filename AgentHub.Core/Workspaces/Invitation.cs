
namespace AgentHub.Core.Workspaces;

/// <summary>An owner's invitation to join a workspace; only a hash of its token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string Email { get; set; }
    public WorkspaceRole Role { get; set; }
    public required string TokenHash { get; set; }
    public required string InvitedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}

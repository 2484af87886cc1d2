using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace AgentHub.Core.Accounts;

/// <summary>An account. Every account belongs to exactly one workspace, with one role in it.</summary>
public sealed class AgentHubUser : IdentityUser
{
    public Guid WorkspaceId { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
}

using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace AgentHub.Core.Accounts;

/// <summary>An account. Every account belongs to exactly one workspace, with one role in it.</summary>
public sealed class AgentHubUser : IdentityUser
{
    public const int MaxTimeZoneLength = 64;

    public Guid WorkspaceId { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The language the person chose in the account menu ("en", "fr"); null: the browser's.</summary>
    public string? Language { get; set; }

    /// <summary>The IANA time zone the person's browser reported (Europe/Paris); null: not known yet (times in UTC).</summary>
    public string? TimeZone { get; set; }
}

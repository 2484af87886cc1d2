using AgentHub.Core.Common;

namespace AgentHub.Core.Workspaces;

/// <summary>A tenant: every connection, call-log row and audit row belongs to one workspace.</summary>
public sealed class Workspace
{
    public const int MaxNameLength = 128;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The language the agents answer in (unless a person writes in another); at first, the owner's.</summary>
    public string Language { get; set; } = Languages.English;
}

namespace AgentHub.Core.Brain;

/// <summary>Where a source's text comes from.</summary>
public enum BrainSourceKind
{
    Note,
    File,
    Url,
}

namespace AgentHub.Core.Workspaces;

/// <summary>What an owner may change about the workspace itself; a null member is left as it is.</summary>
public sealed record WorkspaceSettings(string? Name, string? Language);

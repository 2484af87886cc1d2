namespace AgentHub.Web.Endpoints;

/// <summary>What to change about the workspace; an absent member is left as it is.</summary>
public sealed record UpdateWorkspaceRequest(string? Name, string? Language);

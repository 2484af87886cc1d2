namespace AgentHub.Core.Connections;

/// <summary>A connection of a workspace changed state.</summary>
public sealed record ConnectionChanged(Guid WorkspaceId, string ProviderId, ConnectionStatus Status);

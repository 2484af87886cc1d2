namespace AgentHub.Core.Connections;

/// <summary>The state of a workspace's connection to a provider.</summary>
public enum ConnectionStatus
{
    Disconnected = 0,
    Pending = 1,
    Connected = 2,
    Error = 3,
}

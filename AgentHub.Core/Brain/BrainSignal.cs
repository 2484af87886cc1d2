using AgentHub.Core.Background;

namespace AgentHub.Core.Brain;

/// <summary>
/// Wakes this process's ingestion worker when a source was queued here, and tells open Brain pages of a workspace
/// that one of its sources moved (progress, ready, error). Another instance's changes reach pages at their next load.
/// </summary>
public sealed class BrainSignal : WorkSignal
{
    public event Action<Guid>? Changed;

    public void Publish(Guid workspaceId) => Changed?.Invoke(workspaceId);
}

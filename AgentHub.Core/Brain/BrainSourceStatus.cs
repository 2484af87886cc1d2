namespace AgentHub.Core.Brain;

/// <summary>Where a source is in its ingestion. Its chunks serve search only once it has been <see cref="Ready"/> at least once.</summary>
public enum BrainSourceStatus
{
    Queued,
    Indexing,
    Ready,
    Error,
}

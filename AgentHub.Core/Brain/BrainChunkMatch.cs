namespace AgentHub.Core.Brain;

/// <summary>A chunk the full-text index matched, with its BM25 rank (lower is better): the row of a raw FTS5 query.</summary>
public sealed class BrainChunkMatch
{
    public long ChunkId { get; set; }
    public double Score { get; set; }
}

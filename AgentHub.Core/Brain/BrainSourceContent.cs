namespace AgentHub.Core.Brain;

/// <summary>What was added (a note's text as UTF-8, a file's bytes), kept apart from the source row so lists never load it.</summary>
public sealed class BrainSourceContent
{
    public Guid SourceId { get; set; }
    public required byte[] Data { get; set; }
}

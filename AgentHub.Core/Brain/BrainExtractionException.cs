using AgentHub.Core.Common;

namespace AgentHub.Core.Brain;

/// <summary>A file the Brain cannot read (encrypted, corrupt, truncated, a zip bomb, an unsupported type, no text): why, as a sentence.</summary>
public sealed class BrainExtractionException(Sentence reason, Exception? inner = null) : Exception(reason.English(), inner)
{
    public Sentence Reason { get; } = reason;
}

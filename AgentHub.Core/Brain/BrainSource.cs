namespace AgentHub.Core.Brain;

/// <summary>
/// A note, a file or a web page the workspace's helpers learn from. Its chunks are written under a new
/// <see cref="PendingGeneration"/> and switched to in one write with the status, so searches read either the old
/// chunks or the new ones, never half of each; a failed ingestion keeps the previous generation serving.
/// </summary>
public sealed class BrainSource
{
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 100_000;
    public const int MaxUrlLength = 2048;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public BrainSourceKind Kind { get; set; }
    public required string Title { get; set; }
    public BrainSourceStatus Status { get; set; }

    /// <summary>Why the last ingestion failed (a <see cref="Common.Sentence"/> as JSON), for the reader's language.</summary>
    public string? ErrorJson { get; set; }

    /// <summary>0–100 while indexing.</summary>
    public int Progress { get; set; }

    public string? Url { get; set; }
    public bool IncludeSitemap { get; set; }
    public string? FileName { get; set; }

    /// <summary>The type sniffed from the bytes (application/pdf, text/markdown…), once read.</summary>
    public string? MediaType { get; set; }

    public long Bytes { get; set; }
    public int ChunkCount { get; set; }

    /// <summary>The chunks search reads (0: none yet).</summary>
    public int Generation { get; set; }

    /// <summary>What the source's content was when last indexed (SHA-256 of its text), and a page's validators.</summary>
    public string? ContentHash { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? IndexedAt { get; set; }

    /// <summary>When a URL source is next re-read; null for notes and files.</summary>
    public DateTime? NextSyncAt { get; set; }
}

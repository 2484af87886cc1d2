using System.ComponentModel.DataAnnotations;

namespace AgentHub.Core.Brain;

/// <summary>The Brain's settings (section "Brain"), validated at start.</summary>
public sealed class BrainOptions
{
    public const string Section = "Brain";

    /// <summary>The largest file accepted (default 20 MB); a bigger upload is refused with 413 and nothing stored.</summary>
    [Range(1024, 1L << 31)]
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>A DOCX (a zip) may unpack to at most this (default 100 MB) …</summary>
    [Range(1024, 1L << 32)]
    public long MaxUncompressedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>… in at most this many parts.</summary>
    [Range(10, 100_000)]
    public int MaxZipEntries { get; set; } = 1000;

    /// <summary>How many pages of a site's sitemap a URL source may read.</summary>
    [Range(1, 1000)]
    public int MaxPagesPerSite { get; set; } = 50;

    /// <summary>How often a URL source is read again.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The time one source's ingestion may take before it ends in error.</summary>
    public TimeSpan SourceTimeBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often instances look for sources queued elsewhere.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(100, 2000)]
    public int ChunkTokens { get; set; } = 400;

    [Range(0, 400)]
    public int OverlapTokens { get; set; } = 60;

    /// <summary>The most tokens of the business profile a system prompt carries.</summary>
    [Range(100, 8000)]
    public int ProfileTokens { get; set; } = 1500;
}

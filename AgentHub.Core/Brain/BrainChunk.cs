namespace AgentHub.Core.Brain;

/// <summary>A piece of a source's text (about 400 tokens, cut at its structure), what search finds and a helper cites.</summary>
public sealed class BrainChunk
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }

    /// <summary>The workspace as one word of the full-text index ("w" and its 32 hex digits), so a search reads only its entries.</summary>
    public required string WorkspaceKey { get; set; }

    public static string KeyOf(Guid workspaceId) => $"w{workspaceId:N}";
    public Guid SourceId { get; set; }
    public int Generation { get; set; }
    public int Ordinal { get; set; }
    public required string Text { get; set; }

    /// <summary>Where in the source: "p. 3 · Pricing › Plans", a page's address for a site.</summary>
    public required string Location { get; set; }

    public int Tokens { get; set; }

    /// <summary>The chunk's embedding (float32, little-endian) when an embedding model is configured.</summary>
    public byte[]? Embedding { get; set; }
}

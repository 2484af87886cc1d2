namespace AgentHub.Core.Brain;

/// <summary>What a block of a source is: its structure decides where chunks may be cut and what a location names.</summary>
public enum BrainBlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    Code,
}

/// <summary>One structural block of extracted text: a heading (with its level, 1 = top), a paragraph, a list item, a table row (cells joined with " | "), a code block.</summary>
public sealed record BrainBlock(BrainBlockKind Kind, string Text, int? Page = null, int Level = 0);

/// <summary>A source's text as blocks in reading order, with the type sniffed from its bytes and the title it gives itself (a PDF's or DOCX's title, an HTML page's &lt;title&gt;, a Markdown file's first heading).</summary>
public sealed record BrainDocument(string MediaType, string? Title, IReadOnlyList<BrainBlock> Blocks);

/// <summary>The limits an extraction works within (Brain options).</summary>
public sealed record BrainExtractionLimits(long MaxBytes, long MaxUncompressedBytes, int MaxZipEntries);

/// <summary>Reads the text of a file whose type it sniffs from the bytes (never from the name): PDF, DOCX, HTML, Markdown, CSV, plain text.</summary>
public interface IBrainExtractor
{
    /// <exception cref="BrainExtractionException">The file cannot be read: the reason, as a sentence for people.</exception>
    BrainDocument Extract(Stream content, BrainExtractionLimits limits, CancellationToken cancellationToken);

    /// <summary>An HTML page's text (a web page source), its scripts and styles dropped.</summary>
    BrainDocument ExtractHtml(Stream content, CancellationToken cancellationToken);
}

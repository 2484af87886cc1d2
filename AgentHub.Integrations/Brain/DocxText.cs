using System.IO.Compression;
using System.Text;
using System.Xml;
using AgentHub.Core.Brain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// A Word document's text: its headings (the Title and Heading 1–9 styles, or an outline level), paragraphs, list
/// items and table rows, and the title of its properties. The zip is checked before it is opened (how many parts,
/// how large they say they are unpacked) and the characters read are counted, since a zip may lie about its sizes.
/// </summary>
internal static class DocxText
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static BrainDocument Read(byte[] data, BrainExtractionLimits limits, CancellationToken cancellationToken)
    {
        CheckArchive(data, limits);
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            var settings = new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes };
            using var document = WordprocessingDocument.Open(stream, false, settings);
            var main = document.MainDocumentPart ?? throw BrainExtractor.Failure("Brain_Corrupt");
            var body = main.Document?.Body ?? throw BrainExtractor.Failure("Brain_Corrupt");
            var walker = new Walker(StyleNames(main), limits.MaxUncompressedBytes, cancellationToken);
            walker.Walk(body);
            return new BrainDocument(MediaType, Title(document), walker.Blocks);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException or FormatException
            or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw BrainExtractor.Failure("Brain_Corrupt", ex);
        }
    }

    /// <summary>A zip refused before it is unpacked: too many parts, too large unpacked, or not a Word document.</summary>
    private static void CheckArchive(byte[] data, BrainExtractionLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw BrainExtractor.Failure("Brain_ZipTooManyEntries", null, limits.MaxZipEntries);
            }

            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length < 0 || entry.Length > limits.MaxUncompressedBytes - unpacked)
                {
                    throw BrainExtractor.TooLarge(limits.MaxUncompressedBytes);
                }

                unpacked += entry.Length;
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("word/document.xml") is null)
            {
                throw BrainExtractor.Failure("Brain_Unsupported");
            }
        }
        catch (InvalidDataException ex)
        {
            throw BrainExtractor.Failure("Brain_Corrupt", ex);
        }
    }

    private static string? Title(WordprocessingDocument document) =>
        PlainText.Collapse(document.PackageProperties.Title) is { Length: > 0 } title ? title : null;

    /// <summary>Each style's name by its id: a built-in style's id is translated ("Titre1"), its name is not ("heading 1").</summary>
    private static Dictionary<string, string> StyleNames(MainDocumentPart main)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var style in main.StyleDefinitionsPart?.Styles?.Elements<W.Style>() ?? Enumerable.Empty<W.Style>())
        {
            if (style.StyleId?.Value is { } id && style.StyleName?.Val?.Value is { } name)
            {
                names.TryAdd(id, name);
            }
        }

        return names;
    }

    /// <summary>The heading level a style name or id means: Title is 1, "Heading 2" or "Heading2" is 2; anything else is none.</summary>
    private static int? LevelOf(string style)
    {
        var compact = style.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return compact.Length == 8 && compact.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && compact[7] is >= '1' and <= '9'
            ? compact[7] - '0'
            : null;
    }

    /// <summary>Reads the body's blocks in order, counting the characters it keeps.</summary>
    private sealed class Walker(Dictionary<string, string> styleNames, long maxCharacters, CancellationToken cancellationToken)
    {
        private long _characters;

        public List<BrainBlock> Blocks { get; } = [];

        public void Walk(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case W.Paragraph paragraph:
                        AddParagraph(paragraph);
                        break;
                    case W.Table table:
                        AddTable(table);
                        break;
                    case W.SectionProperties or W.ParagraphProperties or W.TableProperties:
                        break;
                    default:
                        Walk(child); // content controls, custom XML, inserted runs: the paragraphs and tables they hold
                        break;
                }
            }
        }

        private void AddParagraph(W.Paragraph paragraph)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = Keep(TextOf(paragraph));
            if (text.Length == 0)
            {
                return;
            }

            var properties = paragraph.ParagraphProperties;
            if (HeadingLevel(properties) is { } level)
            {
                Blocks.Add(new BrainBlock(BrainBlockKind.Heading, text, Level: level));
            }
            else
            {
                var kind = properties?.NumberingProperties is null ? BrainBlockKind.Paragraph : BrainBlockKind.ListItem;
                Blocks.Add(new BrainBlock(kind, text));
            }
        }

        private void AddTable(W.Table table)
        {
            foreach (var row in table.Elements<W.TableRow>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = row.Elements<W.TableCell>()
                    .Select(cell => string.Join(" ", cell.Descendants<W.Paragraph>().Select(TextOf).Where(t => t.Length > 0)))
                    .Where(t => t.Length > 0);
                var text = Keep(string.Join(" | ", cells));
                if (text.Length > 0)
                {
                    Blocks.Add(new BrainBlock(BrainBlockKind.TableRow, text));
                }
            }
        }

        private int? HeadingLevel(W.ParagraphProperties? properties)
        {
            if (properties?.ParagraphStyleId?.Val?.Value is { } style)
            {
                var level = LevelOf(style) ?? (styleNames.TryGetValue(style, out var name) ? LevelOf(name) : null);
                if (level is not null)
                {
                    return level;
                }
            }

            return properties?.OutlineLevel?.Val is { HasValue: true } outline && outline.Value is >= 0 and < 9 ? outline.Value + 1 : null;
        }

        /// <summary>A text kept, counted against the limit: a document that unpacks to more than it said stops here.</summary>
        private string Keep(string text)
        {
            _characters += text.Length;
            return _characters > maxCharacters ? throw BrainExtractor.TooLarge(maxCharacters) : text;
        }

        /// <summary>A paragraph's visible text: its runs' text, tabs and breaks as spaces (no deleted text, no field codes).</summary>
        private static string TextOf(W.Paragraph paragraph)
        {
            var text = new StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case W.Text run:
                        text.Append(run.Text);
                        break;
                    case W.TabChar or W.Break or W.CarriageReturn:
                        text.Append(' ');
                        break;
                    case W.NoBreakHyphen:
                        text.Append('-');
                        break;
                }
            }

            return PlainText.Collapse(text.ToString());
        }
    }
}

using System.Text;
using System.Text.RegularExpressions;
using AgentHub.Core.Brain;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// Markdown's text by its structure (Markdig): headings with their level, paragraphs, list items, table rows and
/// code blocks; inline text only (a link's words, not its address); the first top heading as the title.
/// </summary>
internal static partial class MarkdownText
{
    public const string MediaType = "text/markdown";

    /// <summary>How much of the start of a text is looked at to tell Markdown.</summary>
    private const int SniffChars = 64 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    /// <summary>Headings (# …), code fences or a table's divider line: Markdown, whatever else the text could be.</summary>
    public static bool HasStrongStructure(string text)
    {
        var start = Start(text);
        return AtxHeading().IsMatch(start) || Fence().IsMatch(start) || TableDivider().IsMatch(start);
    }

    /// <summary>A strong sign, or a list of two items or more, or a link.</summary>
    public static bool HasStructure(string text)
    {
        var start = Start(text);
        return HasStrongStructure(text) || ListItem().Count(start) >= 2 || Link().IsMatch(start);
    }

    public static BrainDocument Read(string text, CancellationToken cancellationToken)
    {
        var blocks = new List<BrainBlock>();
        foreach (var block in Markdown.Parse(text, Pipeline))
        {
            Add(block, blocks, cancellationToken);
        }

        var title = blocks.FirstOrDefault(b => b is { Kind: BrainBlockKind.Heading, Level: 1 })?.Text;
        return new BrainDocument(MediaType, title, blocks);
    }

    private static ReadOnlySpan<char> Start(string text) => text.AsSpan(0, Math.Min(text.Length, SniffChars));

    private static void Add(Block block, List<BrainBlock> blocks, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (block)
        {
            case HeadingBlock heading:
                Keep(blocks, BrainBlockKind.Heading, InlineText(heading.Inline), heading.Level);
                break;
            case ParagraphBlock paragraph:
                Keep(blocks, BrainBlockKind.Paragraph, InlineText(paragraph.Inline));
                break;
            case ListItemBlock item:
                AddListItem(item, blocks, cancellationToken);
                break;
            case Table table:
                AddTable(table, blocks);
                break;
            case YamlFrontMatterBlock or HtmlBlock:
                break; // metadata and raw HTML (which may hold scripts) are not the text
            case CodeBlock code:
                Keep(blocks, BrainBlockKind.Code, code.Lines.ToString().Trim('\n', '\r').TrimEnd());
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Add(child, blocks, cancellationToken); // quotes, lists
                }

                break;
        }
    }

    /// <summary>The item's own paragraphs as one list item, then what it holds besides (a nested list, code).</summary>
    private static void AddListItem(ListItemBlock item, List<BrainBlock> blocks, CancellationToken cancellationToken)
    {
        var text = string.Join(" ", item.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline)).Where(t => t.Length > 0));
        Keep(blocks, BrainBlockKind.ListItem, text);
        foreach (var child in item)
        {
            if (child is not ParagraphBlock)
            {
                Add(child, blocks, cancellationToken);
            }
        }
    }

    private static void AddTable(Table table, List<BrainBlock> blocks)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(CellText).Where(t => t.Length > 0);
            Keep(blocks, BrainBlockKind.TableRow, string.Join(" | ", cells));
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<LeafBlock>().Select(leaf => InlineText(leaf.Inline)).Where(t => t.Length > 0));

    private static void Keep(List<BrainBlock> blocks, BrainBlockKind kind, string text, int level = 0)
    {
        if (text.Length > 0)
        {
            blocks.Add(new BrainBlock(kind, text, Level: level));
        }
    }

    /// <summary>The words of a block's inlines: literal text, code spans, a link's or image's words (no markup, no address).</summary>
    private static string InlineText(ContainerInline? inlines)
    {
        if (inlines is null)
        {
            return "";
        }

        var text = new StringBuilder();
        var pending = new Stack<Inline>();
        pending.Push(inlines);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline container:
                    for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return PlainText.Collapse(text.ToString());
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(```|~~~)", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex TableDivider();

    [GeneratedRegex(@"^ {0,3}([-*+]|\d{1,9}[.)])[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[[^\]\r\n]+\]\([^)\s]+\)")]
    private static partial Regex Link();
}

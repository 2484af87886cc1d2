using System.Text.RegularExpressions;
using AgentHub.Core.Brain;

namespace AgentHub.Integrations.Brain;

/// <summary>Text as paragraphs: split on blank lines, each one's whitespace collapsed.</summary>
internal static partial class PlainText
{
    public static List<BrainBlock> Paragraphs(string text, int? page, CancellationToken cancellationToken)
    {
        var blocks = new List<BrainBlock>();
        AddParagraphs(blocks, text, page, cancellationToken);
        return blocks;
    }

    public static void AddParagraphs(List<BrainBlock> blocks, string text, int? page, CancellationToken cancellationToken)
    {
        foreach (var part in BlankLine().Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var paragraph = Collapse(part);
            if (paragraph.Length > 0)
            {
                blocks.Add(new BrainBlock(BrainBlockKind.Paragraph, paragraph, page));
            }
        }
    }

    /// <summary>The text on one line: runs of whitespace as one space, none at either end.</summary>
    public static string Collapse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A line break, then only spaces or tabs (or nothing), then another line break.</summary>
    [GeneratedRegex(@"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")]
    private static partial Regex BlankLine();
}

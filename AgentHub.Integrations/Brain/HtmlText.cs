using System.Text;
using AgentHub.Core.Brain;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// An HTML page's text, read and never rendered: scripts, styles, embedded frames and pictures dropped, headings with
/// their level, paragraphs (and the loose text of a block such as a div), list items, table rows and preformatted
/// code, in the page's order; its title from &lt;title&gt;. The page is walked without recursion, however deep.
/// </summary>
internal static class HtmlText
{
    public const string MediaType = "text/html";

    private const string Dropped = "script, style, noscript, template, svg, iframe, object";

    /// <summary>Elements that end the loose text before them and start anew after them.</summary>
    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    };

    public static BrainDocument Read(Stream content, CancellationToken cancellationToken)
    {
        using var document = new HtmlParser().ParseDocument(content);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var element in document.QuerySelectorAll(Dropped).ToList())
        {
            element.Remove();
        }

        var walker = new Walker(cancellationToken);
        if (document.Body is { } body)
        {
            walker.Walk(body);
        }

        var title = PlainText.Collapse(document.Title);
        return new BrainDocument(MediaType, title.Length > 0 ? title : null, walker.Blocks);
    }

    /// <summary>A node's text on one line: a line break or the start of a block is a space.</summary>
    private static string TextOf(INode node)
    {
        var text = new StringBuilder();
        foreach (var descendant in node.GetDescendants())
        {
            if (descendant is IText piece)
            {
                text.Append(piece.Data);
            }
            else if (descendant is IElement element && (element.LocalName == "br" || BlockElements.Contains(element.LocalName)))
            {
                text.Append(' ');
            }
        }

        return PlainText.Collapse(text.ToString());
    }

    /// <summary>Walks the body in document order with a stack of its own; a closing mark ends a block's loose text.</summary>
    private sealed class Walker(CancellationToken cancellationToken)
    {
        private readonly StringBuilder _loose = new();
        private readonly Stack<(INode Node, bool Closing)> _stack = new();
        private int _visited;

        public List<BrainBlock> Blocks { get; } = [];

        public void Walk(IElement root)
        {
            _stack.Push((root, false));
            while (_stack.Count > 0)
            {
                var (node, closing) = _stack.Pop();
                if (closing)
                {
                    Flush();
                }
                else if (node is IText text)
                {
                    _loose.Append(text.Data);
                }
                else if (node is IElement element)
                {
                    if (++_visited % 512 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    Visit(element);
                }
            }

            Flush();
        }

        private void Visit(IElement element)
        {
            var name = element.LocalName;
            switch (name)
            {
                case "br":
                    _loose.Append(' ');
                    return;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Add(BrainBlockKind.Heading, TextOf(element), name[1] - '0');
                    return;
                case "p":
                    Add(BrainBlockKind.Paragraph, TextOf(element));
                    return;
                case "pre":
                    Add(BrainBlockKind.Code, element.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').TrimEnd());
                    return;
                case "tr":
                    var cells = element.Children.Where(IsCell).Select(TextOf).Where(t => t.Length > 0);
                    Add(BrainBlockKind.TableRow, string.Join(" | ", cells));
                    return;
                case "li":
                    AddListItem(element);
                    return;
            }

            var block = BlockElements.Contains(name);
            if (block)
            {
                Flush();
                _stack.Push((element, true));
            }

            PushChildren(element);
        }

        private static bool IsCell(IElement element) => element.LocalName is "td" or "th";

        /// <summary>A list item's own text; the lists inside it are walked after it, as items of their own.</summary>
        private void AddListItem(IElement item)
        {
            var text = new StringBuilder();
            var nested = new List<INode>();
            foreach (var child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" })
                {
                    nested.Add(child);
                }
                else if (child is IText piece)
                {
                    text.Append(piece.Data);
                }
                else if (child is IElement element)
                {
                    text.Append(' ').Append(TextOf(element)).Append(' ');
                }
            }

            Add(BrainBlockKind.ListItem, PlainText.Collapse(text.ToString()));
            for (var i = nested.Count - 1; i >= 0; i--)
            {
                _stack.Push((nested[i], false));
            }
        }

        private void PushChildren(INode parent)
        {
            var children = parent.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                _stack.Push((children[i], false));
            }
        }

        private void Add(BrainBlockKind kind, string text, int level = 0)
        {
            Flush();
            if (text.Length > 0)
            {
                Blocks.Add(new BrainBlock(kind, text, Level: level));
            }
        }

        /// <summary>The loose text gathered so far (a div's own words, text between blocks) as a paragraph.</summary>
        private void Flush()
        {
            var text = PlainText.Collapse(_loose.ToString());
            _loose.Clear();
            if (text.Length > 0)
            {
                Blocks.Add(new BrainBlock(BrainBlockKind.Paragraph, text));
            }
        }
    }
}

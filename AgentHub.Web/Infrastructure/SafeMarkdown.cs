using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// A helper's answer, Markdown, as HTML that is safe to show: raw HTML is not read (Markdig's DisableHtml: it is shown
/// as text), a link opens in a new tab without referrer and only to http, https or mailto (anything else, such as
/// <c>javascript:</c>, is shown as text), and an image is a link, never loaded by itself (its address is the model's choice).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static MarkupString ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.IsImage = false;
            if (!Allowed(link.Url))
            {
                // Shown as its text: the link's words stay, the address goes.
                link.ReplaceBy(Words(link));
                continue;
            }

            var attributes = link.GetAttributes();
            attributes.AddPropertyIfNotExist("target", "_blank");
            attributes.AddPropertyIfNotExist("rel", "noopener noreferrer");
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!Allowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
                continue;
            }

            var attributes = autolink.GetAttributes();
            attributes.AddPropertyIfNotExist("target", "_blank");
            attributes.AddPropertyIfNotExist("rel", "noopener noreferrer");
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return new MarkupString(writer.ToString());
    }

    private static Inline Words(LinkInline link)
    {
        var words = new ContainerInline();
        foreach (var child in link.ToList())
        {
            child.Remove();
            words.AppendChild(child);
        }

        return words;
    }

    private static bool Allowed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" or "mailto";
}

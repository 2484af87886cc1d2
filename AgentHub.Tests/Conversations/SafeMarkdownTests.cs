using AgentHub.Web.Infrastructure;

namespace AgentHub.Tests.Conversations;

/// <summary>A helper's Markdown answer is shown safely: no raw HTML, no script address, links in a new tab without referrer, no image loaded by itself.</summary>
public sealed class SafeMarkdownTests
{
    [Fact]
    public void Markdown_IsRendered_LinksOpenInANewTabWithoutReferrer()
    {
        var html = SafeMarkdown.ToHtml("**Spring** menu: see [our site](https://fournil.example/menu).").Value;
        Assert.Contains("<strong>Spring</strong>", html);
        Assert.Contains("""href="https://fournil.example/menu" target="_blank" rel="noopener noreferrer">our site</a>""", html);
    }

    [Fact]
    public void RawHtml_IsText_AndScriptAddresses_AreNotLinks()
    {
        var html = SafeMarkdown.ToHtml("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [data](data:text/html,hi)").Value;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("data:text", html);
        Assert.Contains("click", html);
    }

    [Fact]
    public void AnImage_IsALink_NeverLoadedByItself()
    {
        var html = SafeMarkdown.ToHtml("![pixel](https://tracker.example/p.png)").Value;
        Assert.DoesNotContain("<img", html);
        Assert.Contains("""<a href="https://tracker.example/p.png" target="_blank" rel="noopener noreferrer">pixel</a>""", html);
    }
}

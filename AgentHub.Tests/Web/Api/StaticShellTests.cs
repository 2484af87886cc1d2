using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// The static shell (docs/decisions/0005): the layout arrives as server-rendered HTML with the drawer's counts in it,
/// only the page is an interactive root, and the theme is a cookie set by an antiforgery-checked post.
/// </summary>
public sealed partial class StaticShellTests : ApiTestBase
{
    protected override bool SharesHost => true;

    [Fact]
    public async Task APage_ArrivesWithTheDrawerAndItsCountsAsHtml_AndOnlyThePageIsInteractive()
    {
        (await ConfigureAsync("cassie", "zendesk", FakeProviders.Get("zendesk").Valid)).EnsureSuccessStatusCode();
        (await ConnectAsync("cassie", "zendesk")).EnsureSuccessStatusCode();
        using var browser = await CookieBrowserAsync();

        var html = await browser.GetStringAsync("/agents/cassie");

        // The drawer is in the first response, with the connection counts of this moment.
        Assert.Matches("data-testid=\"nav-count-cassie\"[^>]*>1/3<", html);
        Assert.Matches("data-testid=\"nav-count-soshie\"[^>]*>0/5<", html);
        Assert.Contains("data-testid=\"theme-toggle\"", html);
        Assert.Contains("Sign out", html);

        // Interactive roots: the head outlet (for the page title) and the page inside the main content, after the
        // static drawer. The layout, drawer and menu are plain HTML.
        var roots = InteractiveRoot().Matches(html).ToList();
        Assert.Equal(2, roots.Count);
        Assert.True(roots[0].Index < html.IndexOf("</head>", StringComparison.Ordinal));
        Assert.True(roots[1].Index > html.IndexOf("nav-count-penn", StringComparison.Ordinal));
        Assert.True(roots[1].Index > html.IndexOf("mud-main-content", StringComparison.Ordinal));
        Assert.All(roots, r => Assert.Contains("\"type\":\"server\"", r.Value));
    }

    [Fact]
    public async Task TheThemeToggle_SetsACookieAndRendersDark_RefusesAForeignReturnUrl_AndNeedsTheAntiforgeryToken()
    {
        using var browser = await CookieBrowserAsync();
        var page = await browser.GetStringAsync("/agents/cassie");
        Assert.Contains("Switch to the dark theme", page);
        var token = ClosedRegistrationSpellingTests.AntiforgeryToken().Match(page);
        Assert.True(token.Success);

        using (var forged = await browser.PostAsync("/preferences/theme", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["theme"] = "dark",
            ["returnUrl"] = "/agents/cassie",
        })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.False(forged.Headers.Contains("Set-Cookie"));
        }

        using (var toggled = await browser.PostAsync("/preferences/theme", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["theme"] = "dark",
            ["returnUrl"] = "https://evil.test/phish",
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, toggled.StatusCode);
            Assert.Equal("/", toggled.Headers.Location!.OriginalString);
            var cookie = Assert.Single(toggled.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AgentHub.Theme=", StringComparison.Ordinal));
            Assert.StartsWith("AgentHub.Theme=dark;", cookie);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var dark = await browser.GetStringAsync("/agents/cassie");
        Assert.Contains("Switch to the light theme", dark);
        Assert.NotEqual(Palette(page), Palette(dark));
    }

    /// <summary>The MudBlazor palette's background the static theme provider rendered.</summary>
    private static string Palette(string html) => Regex.Match(html, "--mud-palette-background:\\s*([^;]+);").Groups[1].Value;

    [GeneratedRegex("<!--Blazor:(\\{[^>]*?\\})-->")]
    private static partial Regex InteractiveRoot();
}

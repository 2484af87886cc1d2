using System.Text;
using AgentHub.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// WCAG 2.2 AA in a real browser: axe-core on every page, in English and French, light and dark, at 1440 and 360 px,
/// with no serious or critical violation; each of those views saved as a screenshot (TestResults/e2e/screens) to be
/// looked at. And the keyboard: a skip link, a visible focus, the focus back on the opener when a dialog closes, and a
/// phone's drawer that closes on its backdrop and on Escape; the password rules checked as you type.
/// </summary>
public sealed class AccessibilityJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly FakeProvider HubSpot = FakeProviders.Get("hubspot");

    private static readonly (int Width, int Height)[] Sizes = [(1440, 900), (360, 740)];

    private static readonly string ScreensDirectory = Path.Combine(BrowserFixture.ArtifactsDirectory, "screens");

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", "fr")]
    public async Task EveryPage_InBothThemesAndWidths_HasNoSeriousAxeViolation_AndIsSaved(string locale, string language)
    {
        Directory.CreateDirectory(ScreensDirectory);
        var email = $"a11y-{language}@e2e.test";
        var violations = new StringBuilder();

        // Signed out: the sign-in and registration pages.
        foreach (var (width, height) in Sizes)
        {
            foreach (var dark in new[] { false, true })
            {
                await using var context = await NewContextAsync(locale, width, height, dark);
                var page = await context.NewPageAsync();
                foreach (var (name, path) in new[] { ("login", "/Account/Login"), ("register", "/Account/Register"), ("lockout", "/Account/Lockout"), ("access-denied", "/Account/AccessDenied") })
                {
                    await CheckAsync(page, path, $"{language}-{name}-{width}-{(dark ? "dark" : "light")}", language, violations);
                }
            }
        }

        // Signed in, with a connected integration, a task waiting for approval and a page of each kind.
        string taskPath;
        string conversationPath;
        await using (var context = await NewContextAsync(locale, 1440, 900, dark: false))
        {
            var page = await context.NewPageAsync();
            await fixture.RegisterAsync(page, email);
            await ConnectHubSpotAsync(page);
            // Buddy asks to create a HubSpot contact: the task waits, and the Inbox and task page show its approval card.
            fixture.Model.Responder = turn => turn.ToolResults.Count == 0
                ? ModelReply.Call("hubspot_create_contact", new { first_name = "Jeanne", last_name = "Martin", email = "jeanne@acme.test", company = "Acme" })
                : ModelReply.Say("Contact créé.");
            taskPath = await AskAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=approval]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // The task is a one-turn conversation: its page shows the approval card in place.
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/conversations");
            await WaitForPageAsync(page);
            await page.Locator("[data-testid=conversation-link]").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chat-turn] [data-testid=approval]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            conversationPath = new Uri(page.Url).AbsolutePath;

            // A note in the Brain, added through its form: the Brain page then lists a source that was read.
            await page.GotoAsync($"{fixture.App.BaseUrl}/brain");
            await WaitForPageAsync(page);
            await page.Locator("input[data-testid=note-title]").FillAsync("Horaires");
            await page.Locator("textarea[data-testid=note-text]").FillAsync("Ouvert du mardi au dimanche, de 7 h à 19 h 30.");
            await page.Locator("[data-testid=note-add]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=brain-source][data-status=ready]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        string[] pages = ["/", "/agents/buddy", "/agents/buddy/integrations", "/agents/buddy/integrations/hubspot", "/integrations", "/inbox", taskPath, conversationPath, "/workspace", "/brain", "/schedules", "/usage", "/account/tokens", "/Account/Manage/ChangePassword"];
        foreach (var (width, height) in Sizes)
        {
            foreach (var dark in new[] { false, true })
            {
                await using var context = await NewContextAsync(locale, width, height, dark);
                var page = await context.NewPageAsync();
                await fixture.SignInAsync(page, email);
                foreach (var path in pages)
                {
                    var name = path == "/" ? "home" : path.Trim('/').Replace('/', '-');
                    if (path == taskPath)
                    {
                        name = "task";
                    }
                    else if (path == conversationPath)
                    {
                        name = "conversation";
                    }

                    await CheckAsync(page, path, $"{language}-{name}-{width}-{(dark ? "dark" : "light")}", language, violations);
                }
            }
        }

        Assert.True(violations.Length == 0, "axe found serious or critical violations:\n" + violations);
    }

    [Fact]
    public async Task TheKeyboard_SkipsToTheContent_SeesItsFocus_AndGetsItBackWhenADialogCloses()
    {
        await using var context = await NewContextAsync("en-US", 1440, 900, dark: false);
        var page = await context.NewPageAsync();
        await fixture.RegisterAsync(page, "keyboard@e2e.test");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
        await WaitForPageAsync(page);

        // The first Tab stop is the skip link; following it puts the focus on the page's content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();

        // A drawer link shows where the focus is.
        var drawerLink = page.Locator("[data-testid=nav-overview]");
        await drawerLink.FocusAsync();
        Assert.NotEqual("none", await drawerLink.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

        // A dialog gives the focus back to the button that opened it.
        var opener = page.Locator("[data-testid=integration-card-hubspot] [data-testid=action-configure]");
        await opener.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#field-access_token")).ToBeFocusedAsync(); // the dialog took the focus

        // The open credential dialog passes axe too.
        var dialogViolations = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(dialogViolations.Count == 0, "axe in the credential dialog: " + string.Join("\n", dialogViolations));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(opener).ToBeFocusedAsync();
    }

    [Fact]
    public async Task OnAPhone_TheDrawerHasABackdrop_AndClosesOnEscapeAndOnAClickOutside()
    {
        await using var context = await NewContextAsync("en-US", 360, 740, dark: false);
        var page = await context.NewPageAsync();
        await fixture.RegisterAsync(page, "phone@e2e.test");
        await WaitForPageAsync(page);
        var toggle = page.Locator("[data-drawer-toggle]");
        var backdrop = page.Locator("[data-drawer-backdrop]");

        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#app-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Assertions.Expect(backdrop).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(backdrop).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#app-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(toggle).ToBeFocusedAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(backdrop).ToBeVisibleAsync();
        await page.Mouse.ClickAsync(340, 400); // outside the 280 px drawer
        await Assertions.Expect(backdrop).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#app-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
    }

    [Fact]
    public async Task ThePasswordRules_AreCheckedAsYouType_WithTheServersRules()
    {
        await using var context = await NewContextAsync("fr-FR", 1440, 900, dark: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseUrl}/Account/Register");
        var rules = page.Locator("[data-password-rules-for]");
        await Assertions.Expect(rules.Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(rules.Locator("li.met")).ToHaveCountAsync(0);

        await page.Locator("#Input\\.Password").PressSequentiallyAsync("abc");
        await Assertions.Expect(rules.Locator("li[data-rule=lower].met")).ToHaveCountAsync(1);
        await Assertions.Expect(rules.Locator("li[data-rule=length].met")).ToHaveCountAsync(0);
        await Assertions.Expect(rules.Locator("li[data-rule=digit].met")).ToHaveCountAsync(0);

        await page.Locator("#Input\\.Password").PressSequentiallyAsync("defgh12");
        await Assertions.Expect(rules.Locator("li:not(.met)")).ToHaveCountAsync(0);
        await Screenshot(page, "fr-register-password-rules");

        // The server agrees: the same password is accepted.
        await page.FillAsync("#Input\\.Email", "rules@e2e.test");
        await page.FillAsync("#Input\\.ConfirmPassword", "abcdefgh12");
        await page.ClickAsync("button.account-button");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("rules@e2e.test", new() { Timeout = 15_000 });
    }

    private async Task CheckAsync(IPage page, string path, string name, string language, StringBuilder violations)
    {
        await page.GotoAsync(fixture.App.BaseUrl + path);
        await WaitForPageAsync(page);
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await Screenshot(page, Path.Combine("screens", name), fullPage: true);
        if (page.ViewportSize is { Width: < 600 } phone)
        {
            // On a phone nothing scrolls sideways, every table cell shows a value next to its label, and the overview
            // is a sensible length (it was 8,324 px).
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                violations.AppendLine($"{name}: the page scrolls sideways by {overflow} px at {phone.Width} px");
            }

            var emptyCells = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('td[data-label]')].filter(td => td.offsetParent !== null && td.innerText.trim() === '').map(td => td.dataset.label)");
            if (emptyCells.Length > 0)
            {
                violations.AppendLine($"{name}: table cells with a label and no value: {string.Join(", ", emptyCells.Distinct())}");
            }

            var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            if (path == "/integrations" && height > 4000)
            {
                violations.AppendLine($"{name}: the overview is {height} px tall on a phone");
            }
        }

        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            violations.AppendLine($"{name}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                violations.AppendLine($"    {node.Target} {node.Html[..Math.Min(node.Html.Length, 160)]}");
            }
        }
    }

    /// <summary>The page is there: its circuit rendered (no loading skeleton left) and nothing animates.</summary>
    private static async Task WaitForPageAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        // The page's own content, not only the frame: every page has a heading in its <main>.
        await Assertions.Expect(page.Locator("main :is(h1, h2)").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private async Task<IBrowserContext> NewContextAsync(string locale, int width, int height, bool dark)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
            TimezoneId = "Europe/Paris",
            ReducedMotion = ReducedMotion.Reduce,
        });
        if (dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = "AgentHub.Theme", Value = "dark", Url = fixture.App.BaseUrl }]);
        }

        return context;
    }

    private async Task ConnectHubSpotAsync(IPage page)
    {
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
        await page.Locator("[data-testid=integration-card-hubspot] [data-testid=action-configure]").ClickAsync();
        await page.Locator("#field-access_token").FillAsync(HubSpot.Valid["access_token"]);
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
        await page.Locator("[data-testid=dialog-done]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=integration-card-hubspot]")).ToHaveAttributeAsync("data-status", "connected");
    }

    /// <summary>Asks the agent something from its page and returns the path of the task page it opens.</summary>
    private static async Task<string> AskAsync(IPage page)
    {
        await page.Locator("textarea[data-testid=ask-input]").FillAsync("Résume nos contacts récents");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/tasks/"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    private static Task Screenshot(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{name}.png"), FullPage = fullPage });
}

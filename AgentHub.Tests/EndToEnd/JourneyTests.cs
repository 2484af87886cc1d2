using AgentHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// What a user does, in a real browser against the real app: configure with a mistake then correct values, see the
/// status everywhere, a wrong secret, disconnect, and a change in one tab appearing in another. A failing journey
/// leaves a screenshot in TestResults/e2e.
/// </summary>
public sealed class JourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");
    private static readonly FakeProvider HubSpot = FakeProviders.Get("hubspot");

    [Fact]
    public Task ConfigureWithAMistake_ThenCorrectValues_ShowsConnectedEverywhere() => Journey(nameof(ConfigureWithAMistake_ThenCorrectValues_ShowsConnectedEverywhere), async page =>
    {
        await fixture.RegisterAsync(page, "journey1@e2e.test");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
        var card = page.Locator("[data-testid=integration-card-zendesk]");
        await card.Locator("[data-testid=action-configure]").ClickAsync();

        // Focus is in the dialog, on the first field.
        var zendeskCallsBefore = fixture.Providers.RequestsFor("zendesk").Count;
        var subdomain = page.Locator("#field-subdomain");
        await Assertions.Expect(subdomain).ToBeFocusedAsync();
        await subdomain.FillAsync("https://acme.zendesk.com");
        await subdomain.PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Subdomain is only the first part of acme.zendesk.com")).ToBeVisibleAsync();
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-problem]")).ToContainTextAsync("Correct the highlighted fields");
        Assert.Equal(zendeskCallsBefore, fixture.Providers.RequestsFor("zendesk").Count); // nothing was sent

        await subdomain.FillAsync("acme");
        await page.Locator("#field-email").FillAsync(Zendesk.Valid["email"]);
        var token = page.Locator("#field-api_token");
        await token.FillAsync(Zendesk.Valid["api_token"]);
        Assert.Equal("password", await token.GetAttributeAsync("type"));
        await token.PressAsync("Enter"); // Enter submits

        await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
        await Screenshot(page, "dialog-success");
        await page.Locator("[data-testid=dialog-done]").ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "connected");

        // The typed secret never comes back to the page.
        Assert.DoesNotContain(Zendesk.Valid["api_token"], await page.ContentAsync());

        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations/zendesk");
        await Assertions.Expect(page.Locator("[data-testid=integration-status] .status-chip")).ToHaveAttributeAsync("data-status", "connected");
        await Assertions.Expect(page.Locator("[data-testid=configured-fields]")).ToContainTextAsync("saved");
        await Assertions.Expect(page.Locator("[data-testid=calls-table]")).ToContainTextAsync("/zendesk/api/v2/users/me.json");
        Assert.DoesNotContain(Zendesk.Valid["api_token"], await page.ContentAsync());

        await page.GotoAsync($"{fixture.App.BaseUrl}/integrations");
        await Assertions.Expect(page.Locator("[data-testid=count-connected] [data-testid=count-value]")).ToHaveTextAsync("1");
        var row = page.Locator("[data-testid=overview-table] tr", new() { HasText = "Zendesk" });
        await Assertions.Expect(row.Locator(".status-chip")).ToHaveAttributeAsync("data-status", "connected");
    });

    [Fact]
    public Task AWrongSecret_ShowsTheAuthErrorInTheDialog_WhichStaysOpen() => Journey(nameof(AWrongSecret_ShowsTheAuthErrorInTheDialog_WhichStaysOpen), async page =>
    {
        await fixture.RegisterAsync(page, "journey2@e2e.test");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
        await page.Locator("[data-testid=integration-card-hubspot] [data-testid=action-configure]").ClickAsync();
        await page.Locator("#field-access_token").FillAsync(HubSpot.WithWrongSecret()["access_token"]);
        await page.Locator("[data-testid=dialog-save]").ClickAsync();

        var outcome = page.Locator("[data-testid=dialog-outcome]");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-reason", "auth_invalid", new() { Timeout = 15_000 });
        await Assertions.Expect(outcome).ToContainTextAsync("HubSpot rejected the credentials");
        await Assertions.Expect(outcome).ToContainTextAsync("Authentication credentials not found.");
        await Assertions.Expect(page.GetByText("HubSpot did not accept this Private App Token")).ToBeVisibleAsync();
        // Nothing was saved: the refused value stays in the field, to be checked or replaced.
        await Assertions.Expect(page.Locator("#field-access_token")).ToHaveValueAsync(HubSpot.WithWrongSecret()["access_token"]);
        await Screenshot(page, "dialog-auth-error");

        // Correct and retry in the same dialog.
        await page.Locator("#field-access_token").FillAsync(HubSpot.Valid["access_token"]);
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
    });

    [Fact]
    public Task Disconnect_AfterConfirmation_ReturnsToDisconnected_AndEscapeCancelsTheDialog() => Journey(nameof(Disconnect_AfterConfirmation_ReturnsToDisconnected_AndEscapeCancelsTheDialog), async page =>
    {
        await fixture.RegisterAsync(page, "journey3@e2e.test");
        await ConnectZendeskAsync(page);
        var card = page.Locator("[data-testid=integration-card-zendesk]");

        // Escape cancels the dialog and changes nothing.
        await card.Locator("[data-testid=action-configure]").ClickAsync();
        await page.Locator("#field-subdomain").FillAsync("changed");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#field-subdomain")).ToHaveCountAsync(0);

        await card.Locator("[data-testid=action-disconnect]").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Assertions.Expect(confirm).ToContainTextAsync("The stored credentials will be deleted.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "disconnected");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations/zendesk");
        await Assertions.Expect(page.Locator("[data-testid=configured-fields]")).Not.ToContainTextAsync("saved");
    });

    [Fact]
    public Task AChangeInOneTab_ShowsInAnother() => Journey(nameof(AChangeInOneTab_ShowsInAnother), async page =>
    {
        await fixture.RegisterAsync(page, "journey4@e2e.test");
        var other = await page.Context.NewPageAsync();
        try
        {
            await other.GotoAsync($"{fixture.App.BaseUrl}/agents/emmie/integrations");
            var shared = other.Locator("[data-testid=integration-card-hubspot]");
            await Assertions.Expect(shared).ToHaveAttributeAsync("data-status", "disconnected");

            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
            await page.Locator("[data-testid=integration-card-hubspot] [data-testid=action-configure]").ClickAsync();
            await page.Locator("#field-access_token").FillAsync(HubSpot.Valid["access_token"]);
            await page.Locator("[data-testid=dialog-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });

            // The other tab (Emmie shares HubSpot with Buddy) updates without a reload.
            await Assertions.Expect(shared).ToHaveAttributeAsync("data-status", "connected");
            await Assertions.Expect(other.Locator("[data-testid=nav-count-emmie]")).ToHaveTextAsync("1/4");
        }
        finally
        {
            await other.CloseAsync();
        }
    });

    [Fact]
    public Task TheStaticShell_TogglesTheDrawerAndTheTheme_AndItsAccountMenuSignsOut() => Journey(nameof(TheStaticShell_TogglesTheDrawerAndTheTheme_AndItsAccountMenuSignsOut), async page =>
    {
        await fixture.RegisterAsync(page, "shell@e2e.test");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
        await Assertions.Expect(page.Locator("[data-testid=integration-card-zendesk]")).ToBeVisibleAsync();

        // The drawer: open at desktop width, closed and opened again by the menu button.
        var soshie = page.Locator("[data-testid=nav-soshie]");
        var toggle = page.GetByLabel("Toggle navigation");
        await Assertions.Expect(soshie).ToBeInViewportAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(soshie).Not.ToBeInViewportAsync();
        await page.ReloadAsync(); // the choice lasts for the tab's session
        await Assertions.Expect(page.Locator("[data-testid=integration-card-zendesk]")).ToBeVisibleAsync();
        await Assertions.Expect(soshie).Not.ToBeInViewportAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(soshie).ToBeInViewportAsync();
        await soshie.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Soshie");
        await Assertions.Expect(soshie).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));

        // The theme: a post that sets a cookie, so the next page renders dark from its first byte.
        async Task<string> Background() => await page.EvaluateAsync<string>(
            "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim().toLowerCase()");
        var light = await Background();
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Switch to the light theme");
        Assert.EndsWith("/agents/soshie", page.Url);
        var dark = await Background();
        Assert.NotEqual(light, dark);
        await page.GotoAsync($"{fixture.App.BaseUrl}/integrations");
        Assert.Equal(dark, await Background());
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Switch to the dark theme");
        Assert.Equal(light, await Background());

        // The account menu: opens on a click, closes on Escape, and signs out.
        var changePassword = page.GetByText("Change password");
        await Assertions.Expect(changePassword).Not.ToBeVisibleAsync();
        await page.Locator("[data-testid=signed-in-user]").ClickAsync();
        await Assertions.Expect(changePassword).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(changePassword).Not.ToBeVisibleAsync();
        await page.Locator("[data-testid=signed-in-user]").ClickAsync();
        await page.GetByText("Sign out").ClickAsync();
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    });

    [Fact]
    public Task AtPhoneWidth_TheDrawerStartsClosed_AndTheMenuButtonOpensIt() => Journey(nameof(AtPhoneWidth_TheDrawerStartsClosed_AndTheMenuButtonOpensIt), async page =>
    {
        await fixture.RegisterAsync(page, "phone-shell@e2e.test");
        await page.SetViewportSizeAsync(360, 780);
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
        await Assertions.Expect(page.Locator("[data-testid=integration-card-zendesk]")).ToBeVisibleAsync();
        var soshie = page.Locator("[data-testid=nav-soshie]");
        await Assertions.Expect(soshie).Not.ToBeInViewportAsync();
        await page.GetByLabel("Toggle navigation").ClickAsync();
        await Assertions.Expect(soshie).ToBeInViewportAsync();
        await Screenshot(page, "drawer-phone");
        await soshie.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Soshie");
    });

    [Fact]
    public Task ConnectWithHubSpot_ApproveOnTheConsentPage_ComesBackConnected() => Journey(nameof(ConnectWithHubSpot_ApproveOnTheConsentPage_ComesBackConnected), async page =>
    {
        await fixture.RegisterAsync(page, "oauth@e2e.test");

        // The owner registers the workspace's own HubSpot app, with the redirect URI the page shows.
        await page.GotoAsync($"{fixture.App.BaseUrl}/workspace");
        await Assertions.Expect(page.Locator("[data-testid=oauth-redirect-uri]")).ToHaveTextAsync($"{fixture.App.BaseUrl}/oauth/callback");
        var row = page.Locator("[data-testid=oauth-apps-table] tr[data-provider=hubspot]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-source", "none");
        await row.Locator("[data-testid=oauth-app-edit]").ClickAsync();
        await page.Locator("#oauth-client-id").FillAsync(FakeAuthorizationServer.ClientId);
        await page.Locator("#oauth-client-secret").FillAsync(FakeAuthorizationServer.ClientSecret);
        await page.Locator("[data-testid=oauth-app-save]").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-source", "workspace");
        Assert.DoesNotContain(FakeAuthorizationServer.ClientSecret, await page.ContentAsync());

        // "Connect with HubSpot" on the card opens the dialog on the OAuth choice, with "Use a token instead" below it.
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
        var card = page.Locator("[data-testid=integration-card-hubspot]");
        await card.Locator("[data-testid=action-configure]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-use-token]")).ToBeVisibleAsync();
        await Screenshot(page, "dialog-oauth");
        await page.Locator("[data-testid=dialog-oauth-connect]").ClickAsync();

        // The provider's consent page (the loopback fake), then back to AgentHub.
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Allow AgentHub to access your hubspot account?", new() { Timeout = 15_000 });
        await page.Locator("#approve").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agents/buddy/integrations/hubspot\\?oauth=connected$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=oauth-outcome]")).ToHaveTextAsync("Connected with HubSpot.");
        await Assertions.Expect(page.Locator("[data-testid=integration-status] .status-chip")).ToHaveAttributeAsync("data-status", "connected");
        await Screenshot(page, "oauth-connected");
        Assert.Equal(1, fixture.Providers.OAuth.TokenRequests.Count(r => r is { Provider: "hubspot", GrantType: "authorization_code", Succeeded: true }));
    });

    [Fact]
    public Task Screenshots_OfTheAgentPageTheDialogTheOverviewAndWebhooks_AtDesktopAndPhoneWidths() => Journey(nameof(Screenshots_OfTheAgentPageTheDialogTheOverviewAndWebhooks_AtDesktopAndPhoneWidths), async page =>
    {
        await fixture.RegisterAsync(page, "screens@e2e.test");
        await ConnectZendeskAsync(page);
        await page.Locator("[data-testid=integration-card-freshdesk] [data-testid=action-configure]").ClickAsync();
        await Assertions.Expect(page.Locator("#field-domain")).ToBeFocusedAsync();
        await page.Locator("#field-domain").FillAsync("acme");
        await page.Locator("#field-api_key").FillAsync("fd-wrong-key");
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-testid=dialog-cancel]").ClickAsync();

        foreach (var (name, width, height) in new[] { ("desktop", 1440, 900), ("phone", 360, 780) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
            await Assertions.Expect(page.Locator("[data-testid=integration-card-zendesk]")).ToHaveAttributeAsync("data-status", "connected");
            await Screenshot(page, $"agent-page-{name}", fullPage: true);
            await page.Locator("[data-testid=integration-card-intercom] [data-testid=action-configure]").ClickAsync();
            await Assertions.Expect(page.Locator("#field-access_token")).ToBeVisibleAsync();
            await Screenshot(page, $"dialog-{name}");
            await page.Keyboard.PressAsync("Escape");
            await page.GotoAsync($"{fixture.App.BaseUrl}/integrations");
            await Assertions.Expect(page.Locator("[data-testid=overview-table]")).ToBeVisibleAsync();
            await Screenshot(page, $"overview-{name}", fullPage: true);
            var overview = await OverflowAsync(page);
            Assert.True(overview == "", $"the overview scrolls sideways at {width} px: {overview}");
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations/zendesk");
            await Assertions.Expect(page.Locator("[data-testid=webhook-address]")).ToBeVisibleAsync();
            await Screenshot(page, $"integration-webhooks-{name}", fullPage: true);
            var integration = await OverflowAsync(page);
            Assert.True(integration == "", $"the integration page scrolls sideways at {width} px: {integration}");
        }
    });

    /// <summary>Elements that stick out of the viewport and are not inside a scrolling container (like the matrix card); "" when none.</summary>
    private static Task<string> OverflowAsync(IPage page) => page.EvaluateAsync<string>("""
                () => {
                  if (document.documentElement.scrollWidth <= window.innerWidth + 1) return "";
                  const clipped = e => { for (let n = e.parentElement; n; n = n.parentElement) if (['auto','scroll','hidden','clip'].includes(getComputedStyle(n).overflowX)) return true; return false; };
                  return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
                    .slice(
                        0,
                        3).map(e => e.tagName + '.' + (e.className||'').toString().slice(
                            0,
                            60) + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ') || "document " + document.documentElement.scrollWidth;
                }
                """);

    [Fact]
    public Task AskSoshieToPost_ApproveItInTheInbox_AndTheTaskSucceeds() => Journey(nameof(AskSoshieToPost_ApproveItInTheInbox_AndTheTaskSucceeds), async page =>
    {
        await fixture.RegisterAsync(page, "journey-task@e2e.test");
        fixture.Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("instagram_publish_post", new
            {
                image_url = "https://cdn.acme.com/new-product.jpg",
                caption = "Meet the Acme One. #acme #acmeone #launch #newproduct #design #tech #gadget #innovation #madeforyou #comingsoon",
            })
            : ModelReply.Say("Published the post on Instagram.");

        // Connect Instagram through its form.
        var instagram = FakeProviders.Get("instagram");
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/soshie/integrations");
        await page.Locator("[data-testid=integration-card-instagram] [data-testid=action-configure]").ClickAsync();
        await Assertions.Expect(page.Locator("#field-access_token")).ToBeFocusedAsync();
        await page.Locator("#field-access_token").FillAsync(instagram.Valid["access_token"]);
        await page.Locator("#field-instagram_account_id").FillAsync(instagram.Valid["instagram_account_id"]);
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
        await page.Locator("[data-testid=dialog-done]").ClickAsync();

        // Ask Soshie; the task page opens and waits for approval, and the drawer counts one approval.
        await page.Locator("[data-testid=ask-input]").FillAsync("Créer un post Instagram sur notre nouveau produit avec 10 hashtags");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=task-status] .task-status")).ToHaveAttributeAsync("data-status", "awaiting_approval", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=nav-inbox-count]")).ToHaveTextAsync("1");
        Assert.DoesNotContain(fixture.Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media", StringComparison.Ordinal));
        await Screenshot(page, "task-awaiting-approval");

        // Approve it in the inbox.
        await page.Locator("[data-testid=nav-inbox]").ClickAsync();
        var approval = page.Locator("[data-testid=approval]");
        await Assertions.Expect(approval.Locator("[data-testid=approval-preview]")).ToContainTextAsync("Publish the image https://cdn.acme.com/new-product.jpg");
        await Screenshot(page, "inbox");
        await approval.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=inbox-empty]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=nav-inbox-count]")).ToHaveTextAsync("0");

        // The task succeeded with the real result, and Instagram got the post once.
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/soshie/integrations");
        await page.Locator("[data-testid=recent-task]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=task-status] .task-status")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=task-result]")).ToContainTextAsync("Published the post on Instagram.");
        await Screenshot(page, "task-succeeded");
        Assert.Single(fixture.Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        Assert.DoesNotContain(instagram.Valid["access_token"], await page.ContentAsync());
    });

    private async Task ConnectZendeskAsync(IPage page)
    {
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie/integrations");
        await page.Locator("[data-testid=integration-card-zendesk] [data-testid=action-configure]").ClickAsync();
        // The dialog focuses its first field once rendered: wait for it, so typing never races that focus.
        await Assertions.Expect(page.Locator("#field-subdomain")).ToBeFocusedAsync();
        await page.Locator("#field-subdomain").FillAsync("acme");
        await page.Locator("#field-email").FillAsync(Zendesk.Valid["email"]);
        await page.Locator("#field-api_token").FillAsync(Zendesk.Valid["api_token"]);
        await page.Locator("[data-testid=dialog-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
        await page.Locator("[data-testid=dialog-done]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=integration-card-zendesk]")).ToHaveAttributeAsync("data-status", "connected");
    }

    [Fact]
    public Task AnAccessToken_IsMadeFromTheAccountMenu_ShownOnce_WorksOnTheApi_AndIsRevoked() => Journey(nameof(AnAccessToken_IsMadeFromTheAccountMenu_ShownOnce_WorksOnTheApi_AndIsRevoked), async page =>
    {
        await fixture.RegisterAsync(page, "tokens@e2e.test");
        await page.Locator("[data-testid=signed-in-user]").ClickAsync();
        await page.Locator("[data-testid=menu-tokens]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-tokens]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.Locator("[data-testid=token-name]").FillAsync("Nightly export");
        await page.Locator("[data-testid=token-scope]").SelectOptionAsync("Api");
        await page.Locator("[data-testid=token-create]").ClickAsync();
        var value = await page.Locator("[data-testid=token-value]").InputValueAsync(new() { Timeout = 15_000 });
        Assert.StartsWith("ahp_", value, StringComparison.Ordinal);

        using (var api = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", value);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/integrations/")).StatusCode);

            // Shown once: not after a reload, nor anywhere in the page.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=token-row]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=token-created]")).ToHaveCountAsync(0);
            Assert.DoesNotContain(value, await page.ContentAsync());

            await page.Locator("[data-testid=token-revoke]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=token-row]")).ToHaveAttributeAsync("data-revoked", "true", new() { Timeout = 15_000 });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/integrations/")).StatusCode);
        }
    });

    private async Task Journey(string name, Func<IPage, Task> journey)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            await Screenshot(page, $"FAILED-{name}", fullPage: true);
            throw;
        }
    }

    private static Task Screenshot(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{name}.png"), FullPage = fullPage });
}

using AgentHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// The credential dialog in a real browser: a refused "Save and test" on a phone (the outcome in view, nothing stored,
/// Cancel leaves the card as it was), no configuration key in what an owner reads, and the show-secret toggle on the
/// keyboard. A failing journey leaves a screenshot in TestResults/e2e.
/// </summary>
public sealed class CredentialDialogJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly FakeProvider Instagram = FakeProviders.Get("instagram");

    [Fact]
    public Task OnAPhone_ARefusedSaveAndTest_IsInView_StoresNothing_AndCancelLeavesTheCardAsItWas() =>
        Journey(nameof(OnAPhone_ARefusedSaveAndTest_IsInView_StoresNothing_AndCancelLeavesTheCardAsItWas), 360, 640, async page =>
        {
            await fixture.RegisterAsync(page, "refused-phone@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/soshie/integrations");
            var card = page.Locator("[data-testid=integration-card-instagram]");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "disconnected");
            await card.Locator("[data-testid=action-configure]").ClickAsync();
            await Assertions.Expect(page.Locator("#field-access_token")).ToBeFocusedAsync();

            // The form leads; no "Connect with Instagram" that cannot work, and no configuration key.
            Assert.Equal(0, await page.Locator("[data-testid=dialog-oauth-connect]").CountAsync());
            await Assertions.Expect(page.Locator("[data-testid=dialog-oauth-hint]")).ToContainTextAsync("Prefer to sign in with Instagram");
            Assert.DoesNotContain("Integrations:", await page.Locator(".mud-dialog").InnerTextAsync());

            await page.Locator("#field-access_token").FillAsync(Instagram.WithWrongSecret()["access_token"]);
            await page.Locator("#field-instagram_account_id").FillAsync(Instagram.Valid["instagram_account_id"]);
            await page.Locator("[data-testid=dialog-save]").ClickAsync();

            var outcome = page.Locator("[data-testid=dialog-outcome]");
            await Assertions.Expect(outcome).ToHaveAttributeAsync("data-reason", "auth_invalid", new() { Timeout = 15_000 });
            await Assertions.Expect(outcome).ToBeInViewportAsync();
            await Assertions.Expect(outcome).ToContainTextAsync("Nothing was saved");
            await Assertions.Expect(page.Locator("[data-testid=dialog-save-anyway]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Instagram did not accept this Access Token")).ToBeVisibleAsync();
            Assert.DoesNotContain("leave blank", await page.Locator(".mud-dialog").InnerTextAsync());
            await Assertions.Expect(page.Locator("#field-access_token")).ToHaveValueAsync(Instagram.WithWrongSecret()["access_token"]);
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "disconnected");
            await Screenshot(page, "dialog-refused-phone");

            await page.Locator("[data-testid=dialog-cancel]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=integration-card-instagram]")).ToHaveAttributeAsync("data-status", "disconnected");
        });

    [Fact]
    public Task TheShowSecretButton_IsReachedWithTab_AndTogglesFromTheKeyboard() =>
        Journey(nameof(TheShowSecretButton_IsReachedWithTab_AndTogglesFromTheKeyboard), 1440, 900, async page =>
        {
            await fixture.RegisterAsync(page, "reveal-keyboard@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/soshie/integrations");
            await page.Locator("[data-testid=integration-card-instagram] [data-testid=action-configure]").ClickAsync();
            var token = page.Locator("#field-access_token");
            await Assertions.Expect(token).ToBeFocusedAsync();
            await token.FillAsync("typed-to-check");

            await page.Keyboard.PressAsync("Tab");

            var reveal = page.Locator("[data-testid=reveal-access_token]");
            await Assertions.Expect(reveal).ToBeFocusedAsync();
            await Assertions.Expect(reveal).ToHaveAttributeAsync("aria-pressed", "false");
            Assert.NotEqual("none", await reveal.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(reveal).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(token).ToHaveAttributeAsync("type", "text");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(reveal).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(token).ToHaveAttributeAsync("type", "password");
        });

    private async Task Journey(string name, int width, int height, Func<IPage, Task> journey)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
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

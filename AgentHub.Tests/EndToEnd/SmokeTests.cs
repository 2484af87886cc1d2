using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

public sealed class SmokeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Smoke()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await page.GotoAsync($"{fixture.App.BaseUrl}/Account/Register");
        await page.FillAsync("#Input\\.Email", "owner@e2e.test");
        await page.FillAsync("#Input\\.Password", "correct-horse-42");
        await page.FillAsync("#Input\\.ConfirmPassword", "correct-horse-42");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=Your agents");
        await page.WaitForSelectorAsync("[data-testid=agent-card-soshie] .mud-chip");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "smoke-home.png"), FullPage = true });
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/cassie");
        await page.WaitForSelectorAsync("[data-testid=integration-card-zendesk]");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "smoke-agent.png"), FullPage = true });
        await page.ClickAsync("[data-testid=integration-card-zendesk] [data-testid=action-configure]");
        await page.WaitForSelectorAsync("#field-subdomain");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "smoke-dialog.png") });
        await page.GotoAsync($"{fixture.App.BaseUrl}/integrations");
        await page.WaitForSelectorAsync("[data-testid=overview-table]");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "smoke-overview.png"), FullPage = true });
    }
}

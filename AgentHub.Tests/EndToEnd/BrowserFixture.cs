using AgentHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// One fake-provider server, one running app and one headless Debian Chromium (driven by Playwright) shared by the
/// end-to-end journeys. Playwright's own browser download is never used: the browser is /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public FakeProviderServer Providers { get; private set; } = null!;

    /// <summary>The loopback OpenAI-compatible model the app's tasks talk to.</summary>
    public FakeModelServer Model { get; private set; } = null!;
    public AppServer App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where failure screenshots and the requested page screenshots go (under the test results).</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "e2e");

    public async Task InitializeAsync()
    {
        Providers = await FakeProviderServer.StartAsync();
        Model = await FakeModelServer.StartAsync();
        var settings = Model.Settings().ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Tasks:PollInterval"] = "00:00:00.200";
        settings["Schedules:PollInterval"] = "00:00:01";
        App = await AppServer.StartAsync(Providers, settings);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
        Directory.CreateDirectory(ArtifactsDirectory);
    }

    /// <summary>Registers through the page (a new workspace's owner) and waits until the app bar names the account.</summary>
    public async Task RegisterAsync(IPage page, string email)
    {
        await page.GotoAsync($"{App.BaseUrl}/Account/Register");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", AgentHubFactory.Password);
        await page.FillAsync("#Input\\.ConfirmPassword", AgentHubFactory.Password);
        await page.ClickAsync("button.account-button");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync(email, new() { Timeout = 15_000 });
    }

    /// <summary>Signs in through the page and waits until the app bar names the account.</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync($"{App.BaseUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", AgentHubFactory.Password);
        await page.ClickAsync("button.account-button");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync(email, new() { Timeout = 15_000 });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        await Model.DisposeAsync();
        await Providers.DisposeAsync();
    }
}

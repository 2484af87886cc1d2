using AgentHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Schedules in a real browser: a mistake shown at its field, a schedule created in the form that then starts its task
/// on time (a cron with seconds, on the app's real clock), run by hand, paused; and an approval policy set on the
/// Workspace page.
/// </summary>
public sealed class ScheduleJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AScheduleCreatedInThePage_StartsItsTaskOnTime_AndCanBeRunByHandAndPaused()
    {
        fixture.Model.Reset();
        fixture.Model.Responder = _ => ModelReply.Say("Two tickets were waiting; both are answered now.");
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await fixture.RegisterAsync(page, "schedules@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}/schedules");
            await Assertions.Expect(page.Locator("[data-testid=no-schedules]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

            await page.Locator("[data-testid=schedule-agent]").SelectOptionAsync("cassie");
            await page.Locator("[data-testid=schedule-instruction]").FillAsync("Look for tickets nobody answered");
            await page.Locator("[data-testid=schedule-kind]").SelectOptionAsync("weekly");
            await page.Locator("[data-testid=schedule-weekday]").SelectOptionAsync("1");
            await page.Locator("[data-testid=schedule-time]").FillAsync("09:30");
            await page.Locator("[data-testid=schedule-zone]").FillAsync("Mars/Olympus");
            await page.Locator("[data-testid=schedule-save]").ClickAsync();
            await Assertions.Expect(page.Locator("#schedule-zone-error")).ToContainTextAsync("Mars/Olympus is not a known time zone");
            await Assertions.Expect(page.Locator("[data-testid=schedule-zone]")).ToHaveAttributeAsync("aria-invalid", "true");

            await page.Locator("[data-testid=schedule-zone]").FillAsync("Europe/Paris");
            // Its unattended runs never reply to a ticket, whatever the workspace allows.
            await page.Locator("[data-testid=schedule-policies] summary").ClickAsync();
            await page.Locator("[data-testid=schedule-policy-zendesk_reply_to_ticket]").SelectOptionAsync("never");
            await page.Locator("[data-testid=schedule-save]").ClickAsync();
            var weekly = page.Locator("[data-testid=schedule]");
            await Assertions.Expect(weekly).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Assertions.Expect(weekly).ToContainTextAsync("09:30");
            await Assertions.Expect(weekly.Locator("[data-testid=schedule-next] li")).ToHaveCountAsync(5);
            await weekly.Locator("[data-testid=schedule-edit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=schedule-policy-zendesk_reply_to_ticket]")).ToHaveValueAsync("never");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();

            // Run now: a task at once, the page follows it.
            await weekly.Locator("[data-testid=schedule-run]").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/tasks/"), new() { Timeout = 15_000 });

            // A schedule every 3 seconds, made in the page: its first occurrence starts a task on time.
            await page.GotoAsync($"{fixture.App.BaseUrl}/schedules");
            await page.Locator("[data-testid=schedule-instruction]").FillAsync("Check the queue");
            await page.Locator("[data-testid=schedule-kind]").SelectOptionAsync("cron");
            await page.Locator("[data-testid=schedule-cron]").FillAsync("*/3 * * * * *");
            await page.Locator("[data-testid=schedule-zone]").FillAsync("UTC");
            await page.Locator("[data-testid=schedule-save]").ClickAsync();
            var often = page.Locator("[data-testid=schedule]", new() { HasText = "Check the queue" });
            await Assertions.Expect(often).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await often.Locator("[data-testid=schedule-runs] li[data-kind=on_time]").CountAsync() == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no on-time run within 30 s");
                await Task.Delay(500);
                await page.ReloadAsync();
                often = page.Locator("[data-testid=schedule]", new() { HasText = "Check the queue" });
            }

            await Assertions.Expect(often.Locator("[data-testid=schedule-runs] li[data-kind=on_time] a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/tasks/"));
            await often.Locator("[data-testid=schedule-toggle]").ClickAsync();
            await Assertions.Expect(often).ToHaveAttributeAsync("data-enabled", "false", new() { Timeout = 15_000 });
            var turns = fixture.Model.Turns.Count;
            await Task.Delay(4000);
            Assert.Equal(turns, fixture.Model.Turns.Count); // paused: nothing more starts

            // The Inbox lists the finished work, the scheduled runs marked as such.
            await page.GotoAsync($"{fixture.App.BaseUrl}/inbox");
            await Assertions.Expect(page.Locator("[data-testid=activity-item][data-scheduled=true]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // A policy set on the Workspace page is kept.
            await page.GotoAsync($"{fixture.App.BaseUrl}/workspace");
            var select = page.Locator("[data-testid=policy-instagram_publish_post]");
            await select.SelectOptionAsync("allow");
            await page.Locator("[data-testid=policies-save]").ClickAsync();
            await Assertions.Expect(page.GetByText("Approval policies saved.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=policy-instagram_publish_post]")).ToHaveValueAsync("allow", new() { Timeout = 15_000 });
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "FAILED-schedules.png"), FullPage = true });
            throw;
        }
    }
}

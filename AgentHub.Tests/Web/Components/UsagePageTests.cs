using AgentHub.Core.Data;
using AgentHub.Core.Usage;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Usage;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// The usage page as an owner reads it: this month's tokens and cost, per day, helper and source; the budget set in
/// place with field errors, and the banner at 80%; members are told it is for owners and admins.
/// </summary>
public sealed class UsagePageTests : ComponentTestBase
{
    private async Task SeedAsync(string agent, string source, long input, long output, long costMicros)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        db.ModelUsageDays.Add(new ModelUsageDay
        {
            WorkspaceId = Owner.WorkspaceId,
            Day = DateTime.UtcNow.Date,
            AgentId = agent,
            Source = source,
            Model = "gpt-4o-mini",
            Calls = 2,
            InputTokens = input,
            OutputTokens = output,
            CostMicros = costMicros,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AnOwner_SeesTheMonthsCost_PerHelperAndSource()
    {
        await SeedAsync("penn", "person", 10_000, 2_000, 1_250_000);
        await SeedAsync("soshie", "schedule", 5_000, 1_000, 750_000);

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Contains("2.00 USD", page.Find("[data-testid=usage-cost]").TextContent));
        Assert.Contains("18,000 tokens", page.Find("[data-testid=usage-tokens]").TextContent);
        var agents = page.Find("[data-testid=usage-agents]").TextContent;
        Assert.Contains("Penn", agents);
        Assert.Contains("Soshie", agents);
        Assert.Contains("Schedules", page.Find("[data-testid=usage-sources]").TextContent);
        Assert.Contains("No budget", page.Find("[data-testid=budget-state]").TextContent);
    }

    [Fact]
    public async Task TheBudget_IsSetInPlace_WithFieldErrors_AndTheBannerShowsAt80Percent()
    {
        await SeedAsync("penn", "person", 800, 50, 0);
        var page = Render<UsagePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=budget-tokens]"));

        page.Find("[data-testid=budget-tokens]").Input("0");
        await page.Find("[data-testid=budget-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("at least 1", page.Find("#budget-tokens-error").TextContent));

        page.Find("[data-testid=budget-tokens]").Input("1000");
        await page.Find("[data-testid=budget-save]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("85%", page.Find("[data-testid=budget-state]").TextContent));
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1000, (await db.Workspaces.SingleAsync()).BudgetTokens);
        }

        await DisposeComponentsAsync();
        var again = Render<UsagePage>();
        again.WaitForAssertion(() => Assert.Contains("85%", again.Find("[data-testid=budget-banner]").TextContent));
    }

    [Fact]
    public async Task AMember_IsToldTheCostsAreForOwnersAndAdmins()
    {
        await SeedAsync("penn", "person", 10_000, 2_000, 1_250_000);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            (await db.Users.SingleAsync()).Role = WorkspaceRole.Member;
            await db.SaveChangesAsync();
        }

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=usage-managers-only]"));
        Assert.Empty(page.FindAll("[data-testid=usage-cost]"));
    }
}

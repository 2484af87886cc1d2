using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Overview;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentHub.Tests.Web.Components;

public sealed class OverviewTests : ComponentTestBase
{
    /// <summary>HubSpot connected (shared by Buddy and Emmie), Zendesk in error, Brevo pending, the rest disconnected.</summary>
    private async Task SeedAsync()
    {
        async Task Configure(string agent, string provider) =>
            await Integrations.ConfigureAsync(Owner, agent, provider, FakeProviders.Get(provider).Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

        await Configure("buddy", "hubspot");
        await Tester.ConnectAsync(Owner, "buddy", "hubspot");
        await Configure("cassie", "zendesk");
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.AuthInvalid, "Zendesk rejected the credentials.");
        await Tester.ConnectAsync(Owner, "cassie", "zendesk");
        await Configure("emmie", "brevo");
    }

    private async Task<OverviewModel> ModelAsync() => new(
        await Queries.ListAsync(Owner),
        Services.GetRequiredService<IIntegrationCatalog>(),
        await Services.GetRequiredService<CallLogService>().UsageAsync(Owner));

    [Fact]
    public async Task Counts_AreByConnection_SoASharedProviderCountsOnce()
    {
        await SeedAsync();
        var model = await ModelAsync();

        Assert.Equal(26, model.Rows.Count);
        Assert.Equal(23, model.Connections.Count);
        Assert.Equal(1, model.CountOf(ConnectionStatus.Connected));
        Assert.Equal(1, model.CountOf(ConnectionStatus.Error));
        Assert.Equal(1, model.CountOf(ConnectionStatus.Pending));
        Assert.Equal(20, model.CountOf(ConnectionStatus.Disconnected));
        Assert.Equal([(OutcomeReason.Ok, 1), (OutcomeReason.AuthInvalid, 1)], model.ReasonCounts);
    }

    [Fact]
    public async Task Filters_ByAgentCategoryStatusAndSearch_Combine()
    {
        await SeedAsync();
        var model = await ModelAsync();

        model.AgentFilter = "emmie";
        Assert.Equal(["mailchimp", "sendgrid", "brevo", "hubspot"], model.Filtered.Select(r => r.Integration.Id));
        model.StatusFilter = ConnectionStatus.Connected;
        Assert.Equal(["hubspot"], model.Filtered.Select(r => r.Integration.Id));

        model.AgentFilter = null;
        Assert.Equal(["buddy", "emmie"], model.Filtered.Select(r => r.Agent.Id));

        model.StatusFilter = null;
        model.CategoryFilter = "crm";
        Assert.Equal(["salesforce", "hubspot", "pipedrive", "hubspot"], model.Filtered.Select(r => r.Integration.Id));

        model.CategoryFilter = null;
        model.Search = "  rejected ";
        Assert.Equal(["zendesk"], model.Filtered.Select(r => r.Integration.Id));
        model.Search = "google";
        Assert.Equal(["google_search_console", "google_analytics", "google_analytics"], model.Filtered.Select(r => r.Integration.Id));
    }

    [Fact]
    public async Task ThePage_ShowsTheCounts_HighlightsErrors_AndFiltersAsYouType()
    {
        await SeedAsync();
        var page = Render<OverviewPage>(); // the page brings MudBlazor's providers (PageFrame)

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=count-error] [data-testid=count-value]").TextContent));
        Assert.Equal("1", page.Find("[data-testid=count-connected] [data-testid=count-value]").TextContent);
        Assert.Equal("20", page.Find("[data-testid=count-disconnected] [data-testid=count-value]").TextContent);
        Assert.Equal(26, page.FindAll("[data-testid=overview-table] tbody tr").Count);
        var errorRow = Assert.Single(page.FindAll("tr.overview-row-error"));
        Assert.Contains("Zendesk", errorRow.TextContent);
        Assert.NotNull(errorRow.QuerySelector("[data-testid=action-reconnect]"));

        page.Find("[data-testid=filter-search]").Input("hubspot");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=overview-table] tbody tr").Count));
        Assert.Equal(7, page.FindAll("[data-testid=matrix] tbody tr").Count);
    }
}

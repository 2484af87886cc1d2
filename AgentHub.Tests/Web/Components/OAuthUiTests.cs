using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Pages.Overview;
using AgentHub.Web.Components.Shared.Credentials;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// What the pages show of OAuth: "Reconnect with X" for a connection whose authorization was refused, the overview's
/// reason, and the callback's outcome on the integration page (a sentence for a known code, nothing for anything else).
/// </summary>
public sealed class OAuthUiTests : ComponentTestBase
{
    /// <summary>A HubSpot connection made with OAuth whose refresh HubSpot refused (invalid_grant).</summary>
    private async Task SeedRefusedAuthorizationAsync()
    {
        var protector = Services.GetRequiredService<ConnectionSecretProtector>();
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        var connection = Connection.Create(Owner.WorkspaceId, "hubspot", DateTime.UtcNow);
        connection.StoreAuthorization(null, "access_token",
            protector.Protect(Owner.WorkspaceId, "hubspot", new Dictionary<string, string> { ["access_token"] = "at-1", ["refresh_token"] = "rt-1" }),
            DateTime.UtcNow.AddMinutes(-5), "Authorized.", DateTime.UtcNow.AddHours(-1));
        connection.RequireReauthorization(OutcomeReason.ReauthorizationRequired.Sentence("HubSpot"), "invalid_grant", DateTime.UtcNow);
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ARefusedAuthorization_OffersReconnectWithX_OnTheCard_AndTheOverviewNamesTheReason()
    {
        OAuth.OperatorApps.Add("hubspot");
        await SeedRefusedAuthorizationAsync();

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "buddy"));
        page.WaitForAssertion(() => Assert.Equal("error", page.Find("[data-testid=integration-card-hubspot]").GetAttribute("data-status")));
        Assert.Equal("Reconnect with HubSpot", page.Find("[data-testid=integration-card-hubspot] [data-testid=action-reconnect]").TextContent.Trim());
        Assert.Contains("Reconnect with HubSpot", page.Find("[data-testid=integration-card-hubspot] .status-chip").GetAttribute("title"));
        // A disconnected provider with an app says "Connect with X"; one without says "Configure".
        OAuth.OperatorApps.Add("salesforce");
        await DisposeComponentsAsync();

        var overview = Render<OverviewPage>();
        overview.WaitForAssertion(() => Assert.Contains("Reauthorization required", overview.Find("[data-testid=overview-table]").TextContent));
        Assert.Contains(overview.FindAll("[data-testid=action-reconnect]"), b => b.TextContent.Trim() == "Reconnect with HubSpot");
    }

    [Fact]
    public void TheCallbacksOutcome_IsASentenceForAKnownCode_AndNothingForAnythingElse()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/agents/buddy/integrations/hubspot?oauth=denied");
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "buddy").Add(x => x.IntegrationId, "hubspot"));
        page.WaitForAssertion(() => Assert.Equal("The authorization was declined at HubSpot. Nothing was changed.", page.Find("[data-testid=oauth-outcome]").TextContent.Trim()));
    }

    [Fact]
    public void AnUnknownOutcomeCode_ShowsNothing_AndEchoesNothing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/agents/buddy/integrations/hubspot?oauth=%3Cb%3Epwned%3C%2Fb%3E");
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "buddy").Add(x => x.IntegrationId, "hubspot"));
        page.WaitForAssertion(() => Assert.Contains("HubSpot", page.Find("h1").TextContent));
        Assert.Empty(page.FindAll("[data-testid=oauth-outcome]"));
        Assert.DoesNotContain("pwned", page.Markup);
    }
}

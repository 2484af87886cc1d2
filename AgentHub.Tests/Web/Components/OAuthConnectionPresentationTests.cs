using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.OAuth;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Integrations;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// How a connection made with OAuth reads on the agent's card and the integration page ("Connected with HubSpot as
/// Acme Sales", Reconnect and Disconnect, no token "saved"), against one made with credentials (Edit credentials); and
/// where the Webhooks card says an OAuth app's client secret comes from (the workspace's own app, the operator's, none).
/// </summary>
public sealed class OAuthConnectionPresentationTests : ComponentTestBase
{
    private const string Account = "Acme Sales";

    /// <summary>A working HubSpot connection, made with OAuth or with a typed token, whose last check named the account.</summary>
    private async Task SeedHubSpotAsync(bool oauth, bool refused = false)
    {
        var protector = Services.GetRequiredService<ConnectionSecretProtector>();
        var now = DateTime.UtcNow;
        var secrets = protector.Protect(Owner.WorkspaceId, "hubspot", new Dictionary<string, string> { ["access_token"] = "at-1", ["refresh_token"] = "rt-1" });
        var connection = Connection.Create(Owner.WorkspaceId, "hubspot", now.AddHours(-2));
        if (oauth)
        {
            connection.StoreAuthorization(null, "access_token", secrets, now.AddHours(1), "Authorized.", now.AddHours(-1));
        }
        else
        {
            connection.StoreCredentials(null, ["access_token"], secrets, "Saved.", now.AddHours(-1));
        }

        connection.RecordTest(new VerificationOutcome(OutcomeReason.Ok, "HubSpot accepted the connection.") { AccountName = Account }, now.AddMinutes(-30));
        if (refused)
        {
            connection.RequireReauthorization(OutcomeReason.ReauthorizationRequired.Sentence("HubSpot"), "invalid_grant", now);
        }

        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<IntegrationPage> RenderHubSpotPage()
    {
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "buddy").Add(x => x.IntegrationId, "hubspot"));
        page.WaitForAssertion(() => Assert.Contains("HubSpot", page.Find("h1").TextContent));
        return page;
    }

    [Fact]
    public async Task AnOAuthConnection_ReadsConnectedWithHubSpotAsTheAccount_OffersReconnectAndDisconnect_AndListsNoSavedToken()
    {
        OAuth.OperatorApps.Add("hubspot");
        await SeedHubSpotAsync(oauth: true);

        var agent = Render<AgentPage>(p => p.Add(x => x.AgentId, "buddy"));
        agent.WaitForAssertion(() => Assert.Equal("connected", agent.Find("[data-testid=integration-card-hubspot]").GetAttribute("data-status")));
        var card = agent.Find("[data-testid=integration-card-hubspot]");
        Assert.Equal("Connected with HubSpot as Acme Sales", card.QuerySelector("[data-testid=connected-account]")!.TextContent.Trim());
        Assert.Equal("Reconnect with HubSpot", card.QuerySelector("[data-testid=action-configure]")!.TextContent.Trim());
        Assert.Equal("Disconnect", card.QuerySelector("[data-testid=action-disconnect]")!.TextContent.Trim());
        Assert.DoesNotContain("Edit credentials", card.TextContent);
        await DisposeComponentsAsync();

        var page = RenderHubSpotPage();
        page.WaitForAssertion(() => Assert.Equal("Connected with HubSpot as Acme Sales", page.Find("[data-testid=connected-account]").TextContent.Trim()));
        Assert.Equal("Reconnect with HubSpot", page.Find("[data-testid=action-configure]").TextContent.Trim());
        Assert.Equal("Disconnect", page.Find("[data-testid=action-disconnect]").TextContent.Trim());
        Assert.DoesNotContain("Edit credentials", page.Markup);
        // The token the sign-in obtained is not presented as a typed credential.
        Assert.DoesNotContain("Private App Token", page.Markup);
        Assert.DoesNotContain(page.FindAll("[data-testid=configured-fields]"), table => table.TextContent.Contains("saved"));
    }

    [Fact]
    public async Task AnOAuthConnectionWhoseAuthorizationWasRefused_SaysAuthorizedAsTheAccount_NotConnected()
    {
        OAuth.OperatorApps.Add("hubspot");
        await SeedHubSpotAsync(oauth: true, refused: true);

        var page = RenderHubSpotPage();
        page.WaitForAssertion(() => Assert.Equal("Authorized with HubSpot as Acme Sales", page.Find("[data-testid=connected-account]").TextContent.Trim()));
        Assert.Equal("Reconnect with HubSpot", page.Find("[data-testid=action-configure]").TextContent.Trim());
        Assert.DoesNotContain("Connected with HubSpot", page.Markup);
    }

    [Fact]
    public async Task ACredentialsConnection_KeepsEditCredentials_ShowsTheSavedToken_AndNamesTheAccount()
    {
        // An app is available, yet a connection made with a token is still edited as credentials.
        OAuth.OperatorApps.Add("hubspot");
        await SeedHubSpotAsync(oauth: false);

        var agent = Render<AgentPage>(p => p.Add(x => x.AgentId, "buddy"));
        agent.WaitForAssertion(() => Assert.Equal("connected", agent.Find("[data-testid=integration-card-hubspot]").GetAttribute("data-status")));
        var card = agent.Find("[data-testid=integration-card-hubspot]");
        Assert.Equal("Edit credentials", card.QuerySelector("[data-testid=action-configure]")!.TextContent.Trim());
        Assert.Equal("Connected as Acme Sales", card.QuerySelector("[data-testid=connected-account]")!.TextContent.Trim());
        await DisposeComponentsAsync();

        var page = RenderHubSpotPage();
        page.WaitForAssertion(() => Assert.Equal("Edit credentials", page.Find("[data-testid=action-configure]").TextContent.Trim()));
        Assert.Equal("Connected as Acme Sales", page.Find("[data-testid=connected-account]").TextContent.Trim());
        Assert.Contains("Private App Token", page.Find("[data-testid=configured-fields]").TextContent);
        Assert.Contains("saved", page.Find("[data-testid=configured-fields]").TextContent);
        Assert.DoesNotContain("Reconnect with HubSpot", page.Markup);
    }

    /// <summary>The Webhooks card's secret fields as an owner sees them on HubSpot's page (nothing saved yet).</summary>
    private string WebhookSecretsText()
    {
        var page = RenderHubSpotPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=webhook-secrets]")));
        Assert.DoesNotContain("Integrations:", page.Find("[data-testid=webhooks-card]").TextContent);
        return page.Find("[data-testid=webhook-secrets]").TextContent;
    }

    [Fact]
    public void TheWebhookSecretHelp_WithTheOperatorsApp_SaysToAskTheOperator()
    {
        OAuth.OperatorApps.Add("hubspot");

        var text = WebhookSecretsText();

        Assert.Contains("The client secret of the server operator's HubSpot app: ask your operator for it.", text);
        Assert.DoesNotContain("Workspace → OAuth apps", text);
        Assert.DoesNotContain("Your HubSpot app's client secret", text);
    }

    [Fact]
    public async Task TheWebhookSecretHelp_WithTheWorkspacesOwnApp_PointsToIt_EvenWhenTheOperatorHasOne()
    {
        OAuth.OperatorApps.Add("hubspot");
        await Services.GetRequiredService<OAuthAppService>().SetAsync(Owner, "hubspot", "own-client-id", "own-client-secret");

        var text = WebhookSecretsText();

        Assert.Contains("The client secret of your HubSpot app (the one in Workspace → OAuth apps)", text);
        Assert.DoesNotContain("operator", text);
    }

    [Fact]
    public void TheWebhookSecretHelp_WithNoApp_NamesTheAppThatSendsTheWebhooks()
    {
        var text = WebhookSecretsText();

        Assert.Contains("The client secret of the HubSpot app that sends the webhooks", text);
        Assert.DoesNotContain("operator", text);
        Assert.DoesNotContain("Workspace → OAuth apps", text);
    }

    [Fact]
    public void TheWebhookSecretHelp_OfAProviderWhoseSecretIsNotAnOAuthAppsSecret_IsTheCatalogs()
    {
        OAuth.OperatorApps.Add("zendesk");

        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "cassie").Add(x => x.IntegrationId, "zendesk"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=webhook-secrets]")));

        var text = page.Find("[data-testid=webhook-secrets]").TextContent;
        Assert.Contains("The webhook's signing secret", text);
        Assert.DoesNotContain("client secret", text);
    }
}

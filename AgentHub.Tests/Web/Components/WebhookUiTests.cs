using AgentHub.Core.Data;
using AgentHub.Core.Webhooks;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Integrations;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>The integration page's Webhooks card: the address, field-level errors, secrets never shown back, rules, members.</summary>
public sealed class WebhookUiTests : ComponentTestBase
{
    [Fact]
    public void TheCard_ShowsTheAddress_SavesSecretsWithFieldErrors_AndNeverShowsThemBack()
    {
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "cassie").Add(x => x.IntegrationId, "zendesk"));
        page.WaitForAssertion(() => Assert.StartsWith("http://localhost:5000/hooks/zendesk/", page.Find("[data-testid=webhook-address]").TextContent));

        page.Find("[data-testid=save-webhook-secrets]").Click();
        page.WaitForAssertion(() => Assert.Contains("Signing secret is required.", page.Find("[data-testid=webhook-secrets]").TextContent));

        page.Find("[data-testid=webhook-secrets] input").Change("zd-signing-secret-ui");
        page.Find("[data-testid=save-webhook-secrets]").Click();

        page.WaitForAssertion(() => Assert.Contains("saved; type a new value to replace it", page.Find("[data-testid=webhook-secrets]").TextContent));
        Assert.DoesNotContain("zd-signing-secret-ui", page.Markup);
        Assert.Equal("", page.Find("[data-testid=webhook-secrets] input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void TheSuggestedRule_IsOff_AndTheSwitchEnablesIt()
    {
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "cassie").Add(x => x.IntegrationId, "zendesk"));
        page.WaitForAssertion(() => Assert.Contains("Triage and draft a reply to ticket {id}", page.Find("[data-testid=webhook-rule]").TextContent));
        Assert.False(page.Find("[data-testid=webhook-rule] input").HasAttribute("checked"));

        page.Find("[data-testid=webhook-rule] input").Change(true);

        page.WaitForAssertion(() =>
        {
            using var db = Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContext();
            Assert.True(db.WebhookRules.Single().Enabled);
        });
    }

    [Fact]
    public async Task AMember_SeesDeliveriesButNoAddressSecretsOrReplay()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync();
            user.Role = WorkspaceRole.Member;
            await db.SaveChangesAsync();
        }

        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "cassie").Add(x => x.IntegrationId, "zendesk"));

        page.WaitForAssertion(() => Assert.Contains("An owner or admin sees the address", page.Find("[data-testid=webhooks-card]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=webhook-address]"));
        Assert.Empty(page.FindAll("[data-testid=webhook-secrets]"));
        Assert.Empty(page.FindAll("[data-testid=replay-delivery]"));
    }
}

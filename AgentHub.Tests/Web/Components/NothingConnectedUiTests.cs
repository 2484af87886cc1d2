using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Shared;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// Issue 20, stumble 2: the Ask box says when the agent has nothing connected (and, to an owner or admin, where to
/// connect something); a task that could use no tool shows a neutral chip, not a green success.
/// </summary>
public sealed class NothingConnectedUiTests : ComponentTestBase
{
    private Task ConnectZendeskAsync() => ConnectAsync("cassie", "zendesk");

    private async Task ConnectAsync(string agent, string providerId)
    {
        await Integrations.ConfigureAsync(Owner, agent, providerId, FakeProviders.Get(providerId).Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await Tester.ConnectAsync(Owner, agent, providerId);
    }

    [Fact]
    public void TheAskBox_OfAnAgentWithNothingConnected_SaysSo_AndOffersAnOwnerToConnect_WhileAskingStaysPossible()
    {
        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));

        page.WaitForAssertion(() => page.Find("[data-testid=nothing-connected]"));
        Assert.Contains("Cassie has nothing connected yet, so it can only answer from what it knows: it cannot read or act on your services.",
            page.Find("[data-testid=nothing-connected]").TextContent);
        var link = page.Find("[data-testid=nothing-connected] a[data-testid=connect-integration]");
        Assert.Equal("Connect an integration", link.TextContent.Trim());
        Assert.Equal("/agents/cassie/integrations#integrations", link.GetAttribute("href"));
        Assert.DoesNotContain("Ask an owner or admin", page.Find("[data-testid=nothing-connected]").TextContent);
        Assert.NotNull(page.Find("textarea[data-testid=ask-input]"));
        Assert.NotNull(page.Find("[data-testid=ask-button]"));
    }

    [Fact]
    public async Task TheAskBox_OfAnAgentWithAConnection_ShowsNoAlert()
    {
        await ConnectZendeskAsync();

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));

        page.WaitForAssertion(() => page.Find("[data-testid=ask-button]"));
        Assert.Empty(page.FindAll("[data-testid=nothing-connected]"));
        Assert.Empty(page.FindAll("[data-testid=connect-integration]"));
    }

    [Fact]
    public async Task TheAlert_Goes_WhenAnIntegrationIsConnectedWhileThePageIsOpen()
    {
        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));
        page.WaitForAssertion(() => page.Find("[data-testid=nothing-connected]"));

        await ConnectZendeskAsync();

        // The page hears of the connection through an event and reloads: asynchronous, so a busy machine gets time.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=nothing-connected]")), TimeSpan.FromSeconds(10));
        Assert.NotNull(page.Find("[data-testid=ask-button]"));
    }

    [Fact]
    public async Task AConnectionOfAnotherAgent_DoesNotCount()
    {
        await ConnectAsync("buddy", "hubspot");

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));

        page.WaitForAssertion(() => page.Find("[data-testid=nothing-connected]"));
    }

    [Fact]
    public async Task AMember_IsToldToAskAnOwnerOrAdmin_WithoutTheConnectLink()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync();
            user.Role = WorkspaceRole.Member;
            await db.SaveChangesAsync();
        }

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));

        page.WaitForAssertion(() => page.Find("[data-testid=nothing-connected]"));
        var alert = page.Find("[data-testid=nothing-connected]").TextContent;
        Assert.Contains("Cassie has nothing connected yet", alert);
        Assert.Contains("Ask an owner or admin to connect one.", alert);
        Assert.Empty(page.FindAll("[data-testid=connect-integration]"));
    }

    [Fact]
    public void TheChipOfAnAnsweredTask_IsNeutral_AndExplainsWhy()
    {
        var chip = Render<TaskStatusChip>(p => p.Add(c => c.Status, AgentTaskStatus.Answered)).Find(".task-status");

        Assert.Equal("answered", chip.GetAttribute("data-status"));
        Assert.DoesNotContain("mud-chip-color-success", chip.ClassName);
        Assert.Contains("mud-chip-color-default", chip.ClassName);
        Assert.Equal("Answered without tools", chip.TextContent.Trim());
        Assert.Contains("No integration was connected", chip.GetAttribute("title"));
    }

    [Fact]
    public void TheChipOfASucceededTask_StaysGreen_WithoutAnExplanation()
    {
        var chip = Render<TaskStatusChip>(p => p.Add(c => c.Status, AgentTaskStatus.Succeeded)).Find(".task-status");

        Assert.Equal("succeeded", chip.GetAttribute("data-status"));
        Assert.Contains("mud-chip-color-success", chip.ClassName);
        Assert.False(chip.HasAttribute("title"));
    }

    [Fact]
    public async Task AnAnsweredTask_IsListedOnTheAgentPage_WithTheNeutralChip()
    {
        var now = DateTime.UtcNow;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            db.Tasks.Add(new AgentTask
            {
                Id = Guid.NewGuid(),
                WorkspaceId = Owner.WorkspaceId,
                AgentId = "cassie",
                Description = "Reply to the latest ticket",
                Status = AgentTaskStatus.Answered,
                Result = "I have no tool for that.",
                CreatedBy = Owner.UserId,
                CreatedAt = now,
                UpdatedAt = now,
                CompletedAt = now,
            });
            await db.SaveChangesAsync();
        }

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "cassie"));

        page.WaitForAssertion(() => Assert.Equal("answered", page.Find("[data-testid=recent-task] .task-status").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("mud-chip-color-success", page.Find("[data-testid=recent-task] .task-status").ClassName);
    }
}

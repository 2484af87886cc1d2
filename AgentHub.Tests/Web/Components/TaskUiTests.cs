using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Tasks;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>The Ask box, the task timeline and the inbox: what each shows, and what each lets an owner or a member do.</summary>
public sealed class TaskUiTests : ComponentTestBase
{
    /// <summary>A Soshie task waiting for the approval of an Instagram post, with its first steps.</summary>
    private async Task<(Guid TaskId, Guid ApprovalId)> SeedWaitingTaskAsync()
    {
        await Integrations.ConfigureAsync(Owner, "soshie", "instagram", FakeProviders.Get("instagram").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await Tester.ConnectAsync(Owner, "soshie", "instagram");
        var now = DateTime.UtcNow;
        var task = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            AgentId = "soshie",
            Description = "Post about the new product",
            Status = AgentTaskStatus.AwaitingApproval,
            CreatedBy = Owner.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            TaskId = task.Id,
            AgentId = "soshie",
            CallId = "call_1",
            ProviderId = "instagram",
            ActionName = "publish_post",
            Tool = "instagram_publish_post",
            ArgumentsJson = """{"caption":"Meet the Acme One #acme","image_url":"https://cdn.acme.com/new-product.jpg"}""",
            Preview = "Publish the image https://cdn.acme.com/new-product.jpg on Instagram account 17841400000000001 with the caption: Meet the Acme One #acme",
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
        };
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        db.Tasks.Add(task);
        db.Approvals.Add(approval);
        db.TaskSteps.Add(new TaskStep { TaskId = task.Id, Kind = TaskStepKind.ToolCall, Tool = "instagram_publish_post", Effect = ActionEffect.Write, Summary = "caption: “Meet the Acme One #acme”", At = now });
        db.TaskSteps.Add(new TaskStep { TaskId = task.Id, Kind = TaskStepKind.ApprovalRequested, Tool = "instagram_publish_post", Summary = approval.Preview, ApprovalId = approval.Id, At = now });
        await db.SaveChangesAsync();
        return (task.Id, approval.Id);
    }

    [Fact]
    public void TheAskBox_ShowsAFieldError_ForAnEmptyDescription_AndCreatesNothing()
    {
        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "soshie"));
        page.WaitForAssertion(() => page.Find("[data-testid=ask-button]"));

        page.Find("[data-testid=ask-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("Say what the agent should do.", page.Find(".mud-input-error").TextContent));
        Assert.Empty(Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContext().Tasks);
    }

    [Fact]
    public void TheAskBox_QueuesATask_AndOpensItsPage()
    {
        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "soshie"));
        page.WaitForAssertion(() => page.Find("textarea[data-testid=ask-input]"));

        page.Find("textarea[data-testid=ask-input]").Change("Post about the new product");
        page.Find("[data-testid=ask-button]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/tasks/[0-9a-f-]{36}$", navigation.Uri));
        var task = Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContext().Tasks.Single();
        Assert.Equal(("soshie", AgentTaskStatus.Queued, "Post about the new product"), (task.AgentId, task.Status, task.Description));
    }

    [Fact]
    public void WithoutAModel_TheAgentPageNamesTheSettings_InsteadOfTheAskBox()
    {
        Model.IsConfigured = false;

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "soshie"));

        page.WaitForAssertion(() => Assert.Contains("AI:Endpoint, AI:Model and AI:ApiKey", page.Find("[data-testid=no-model]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=ask-button]"));
    }

    [Fact]
    public async Task TheAgentPage_ListsRecentTasks_WithTheirStatus()
    {
        await SeedWaitingTaskAsync();

        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "soshie"));

        page.WaitForAssertion(() => Assert.Equal("awaiting_approval", page.Find("[data-testid=recent-task] .task-status").GetAttribute("data-status")));
        Assert.Contains("Post about the new product", page.Find("[data-testid=recent-task]").TextContent);
    }

    [Fact]
    public async Task TheInbox_ApprovesOnce_AndTheActionIsSentWithTheRecordedArguments()
    {
        var (_, approvalId) = await SeedWaitingTaskAsync();
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => Assert.Contains("Meet the Acme One", page.Find("[data-testid=approval-preview]").TextContent));

        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Equal("executed", Approval(approvalId).Status.ToString().ToLowerInvariant()));
        var sent = Assert.Single(Executor.Requests);
        Assert.Equal(("instagram", "publish_post", approvalId.ToString("N")), (sent.ProviderId, sent.ActionName, sent.IdempotencyKey));
        Assert.Equal("https://cdn.acme.com/new-product.jpg", (string)sent.Arguments["image_url"]!);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=inbox-empty]")));
    }

    [Fact]
    public async Task TheInbox_RejectsWithAReason_AndSendsNothing()
    {
        var (_, approvalId) = await SeedWaitingTaskAsync();
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=reject]"));

        page.Find("input[data-testid=reject-reason]").Change("wrong image");
        page.Find("[data-testid=reject]").Click();

        page.WaitForAssertion(() => Assert.Equal(ApprovalStatus.Rejected, Approval(approvalId).Status));
        Assert.Equal("wrong image", Approval(approvalId).Reason);
        Assert.Empty(Executor.Requests);
    }

    [Fact]
    public async Task AMember_SeesTheInboxAndTheTimeline_WithoutDecisionButtons()
    {
        var (taskId, _) = await SeedWaitingTaskAsync();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync();
            user.Role = WorkspaceRole.Member;
            await db.SaveChangesAsync();
        }

        var inbox = Render<InboxPage>();
        inbox.WaitForAssertion(() => Assert.Contains("Meet the Acme One", inbox.Find("[data-testid=approval-preview]").TextContent));
        Assert.Empty(inbox.FindAll("[data-testid=approve]"));
        await DisposeComponentsAsync();

        var task = Render<TaskPage>(p => p.Add(x => x.TaskId, taskId));
        task.WaitForAssertion(() => Assert.Equal(2, task.FindAll("[data-testid=task-timeline] li").Count));
        Assert.Empty(task.FindAll("[data-testid=approve]"));
        Assert.Empty(task.FindAll("[data-testid=cancel-task]"));
    }

    [Fact]
    public async Task TheTaskPage_ShowsTheStepsAsATimeline()
    {
        var (taskId, _) = await SeedWaitingTaskAsync();

        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, taskId));

        page.WaitForAssertion(() => Assert.Equal(["tool_call", "approval_requested"], page.FindAll("[data-testid=task-timeline] li").Select(li => li.GetAttribute("data-kind"))));
        Assert.Equal("awaiting_approval", page.Find("[data-testid=task-status] .task-status").GetAttribute("data-status"));
        Assert.NotNull(page.Find("[data-testid=approve]"));
    }

    private Approval Approval(Guid id) =>
        Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContext().Approvals.AsNoTracking().Single(a => a.Id == id);
}

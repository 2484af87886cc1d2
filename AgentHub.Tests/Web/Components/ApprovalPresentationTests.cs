using System.Globalization;
using System.Text.Json;
using AgentHub.Core.Catalog;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Tasks;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// What an approver sees before and after a public write: the action's title (not its code name), the catalog's
/// sentence in their language, the image itself (https only, no referrer), the account's name, every argument with
/// a label, and once executed a link to what was created instead of the provider's raw answer.
/// </summary>
public sealed class ApprovalPresentationTests : ComponentTestBase
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The preview recorded when the write was asked, in the words of the old catalog (a raw account id).</summary>
    private const string RecordedPreview = "Publish the image on Instagram account 17841400000000001 with the caption: Meet the Acme One #acme";

    private static string InstagramPost(string imageUrl) =>
        JsonSerializer.Serialize(new { caption = "Meet the Acme One #acme", image_url = imageUrl });

    [Fact]
    public async Task TheInbox_ShowsTheActionsTitle_TheImage_TheAccountAndTheCaption()
    {
        await SeedAsync("soshie", "instagram", "publish_post", InstagramPost("https://cdn.acme.com/new-product.jpg"), accountName: "acme");

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal("Publish on Instagram", page.Find("[data-testid=approval-title]").TextContent.Trim()));
        // The image is loaded only when the approver asks for it (its address is the model's choice), naming its host.
        Assert.Empty(page.FindAll("[data-testid=approval] img"));
        Assert.Contains("cdn.acme.com", page.Find("[data-testid=show-image]").TextContent);
        page.Find("[data-testid=show-image]").Click();
        var image = page.Find("[data-testid=approval] img");
        Assert.Equal("https://cdn.acme.com/new-product.jpg", image.GetAttribute("src"));
        Assert.Equal("no-referrer", image.GetAttribute("referrerpolicy"));
        Assert.Equal("Image to publish", image.GetAttribute("alt"));
        Assert.Equal("Instagram account: acme", page.Find("[data-testid=approval-account]").TextContent.Trim());
        var preview = page.Find("[data-testid=approval-preview]").TextContent;
        Assert.Contains("on Instagram as acme with the caption: Meet the Acme One #acme", preview);
        Assert.DoesNotContain("17841400000000001", preview);
        Assert.Equal("Caption", page.Find("[data-argument=caption] dt").TextContent.Trim());
        Assert.Equal("Meet the Acme One #acme", page.Find("[data-argument=caption] dd").TextContent);
        // The code name is left to the folded technical details, not the heading.
        Assert.DoesNotContain("instagram_publish_post", page.Find("[data-testid=approval-title]").TextContent);
        Assert.Equal("instagram_publish_post", page.Find("details [data-testid=approval-tool]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=approval-result-link]"));
    }

    [Theory]
    [InlineData("http://cdn.acme.com/new-product.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    public async Task TheInbox_LoadsNoImage_WhenTheImageUrlIsNotHttps(string imageUrl)
    {
        await SeedAsync("soshie", "instagram", "publish_post", InstagramPost(imageUrl), accountName: "acme");

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal("Publish on Instagram", page.Find("[data-testid=approval-title]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=approval] img"));
        Assert.Empty(page.FindAll("[data-testid=show-image]"));
        Assert.Equal(imageUrl, page.Find("[data-argument=image_url] dd").TextContent);
    }

    [Fact]
    public async Task AnExecutedPostOnX_LinksToThePostItCreated()
    {
        await SeedAsync("soshie", "twitter", "create_post", """{"text":"Hello from Acme"}""",
            ApprovalStatus.Executed, result: """{"data":{"id":"123","text":"Hello from Acme"}}""", accountName: "acme_hq");

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=approval-result-link]"));
        var link = page.Find("[data-testid=approval-result-link]");
        Assert.Equal("https://x.com/i/web/status/123", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal("See it on Twitter / X", link.TextContent.Trim());
        Assert.Equal("Post on X", page.Find("[data-testid=approval-title]").TextContent.Trim());
    }

    [Fact]
    public async Task AWriteTheApprovalPolicyAllowed_SaysSoInTheInboxHistory()
    {
        await SeedAsync("soshie", "twitter", "create_post", """{"text":"Hello from Acme"}""",
            ApprovalStatus.Executed, result: """{"data":{"id":"123","text":"Hello from Acme"}}""", accountName: "acme_hq", decidedBy: ApprovalService.PolicyDecider);

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal("Allowed by the workspace's approval policy, without asking, and done.",
            page.Find("[data-testid=approval-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnExecutedZendeskReply_LinksToTheTicket_OnTheConnectionsSubdomain()
    {
        await Integrations.ConfigureAsync(Owner, "cassie", "zendesk", FakeProviders.Get("zendesk").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await SeedAsync("cassie", "zendesk", "reply_to_ticket", """{"ticket_id":42,"body":"Hello","public":true}""",
            ApprovalStatus.Executed, result: """{"ticket":{"id":42,"status":"open"}}""");

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "https://acme.zendesk.com/agent/tickets/42", page.Find("[data-testid=approval-result-link]").GetAttribute("href")));
        Assert.Equal("See it on Zendesk", page.Find("[data-testid=approval-result-link]").TextContent.Trim());
    }

    [Fact]
    public async Task AZendeskReply_SaysWhetherTheCustomerReceivesIt_AndShowsTheWholeReply()
    {
        const string reply = "Hello Ana,\n\nYour refund was sent today.\nAcme support";
        var (_, publicReply) = await SeedAsync("cassie", "zendesk", "reply_to_ticket",
            JsonSerializer.Serialize(new { ticket_id = 42, body = reply, @public = true }));
        var (_, internalNote) = await SeedAsync("cassie", "zendesk", "reply_to_ticket",
            JsonSerializer.Serialize(new { ticket_id = 43, body = "Refund checked.", @public = false }));

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=approval]").Count));
        Assert.Equal("Public reply", page.Find($"[data-approval='{publicReply}'] [data-argument=public] dt").TextContent.Trim());
        Assert.Equal("Yes: the requester receives it by email", page.Find($"[data-approval='{publicReply}'] [data-argument=public] dd").TextContent);
        Assert.Equal("No: an internal note that only agents see", page.Find($"[data-approval='{internalNote}'] [data-argument=public] dd").TextContent);
        var body = page.Find($"[data-approval='{publicReply}'] [data-argument=body] dd");
        Assert.Equal(reply, body.TextContent);
        Assert.Contains("white-space:pre-wrap", body.GetAttribute("style"));
        Assert.Equal("42", page.Find($"[data-approval='{publicReply}'] [data-argument=ticket_id] dd").TextContent);
    }

    [Fact]
    public async Task InFrench_TheCardReadsInFrench()
    {
        await SeedAsync("soshie", "instagram", "publish_post", InstagramPost("https://cdn.acme.com/new-product.jpg"), accountName: "acme");
        using var culture = TestCulture.Use(French);
        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal("Publier sur Instagram", page.Find("[data-testid=approval-title]").TextContent.Trim()));
        Assert.StartsWith("Publier l’image https://cdn.acme.com/new-product.jpg sur Instagram en tant que acme",
            page.Find("[data-testid=approval-preview]").TextContent);
        page.Find("[data-testid=show-image]").Click();
        Assert.Equal("Image à publier", page.Find("[data-testid=approval] img").GetAttribute("alt"));
        Assert.Equal("Compte Instagram\u00a0: acme", page.Find("[data-testid=approval-account]").TextContent.Trim());
        Assert.Equal("Légende", page.Find("[data-argument=caption] dt").TextContent.Trim());
    }

    [Fact]
    public async Task TheTaskPage_InFrench_ShowsTheLocalizedPreview_AndALinkInsteadOfTheRawResult()
    {
        var (taskId, _) = await SeedAsync("soshie", "twitter", "create_post", """{"text":"Bonjour de la part d’Acme"}""",
            ApprovalStatus.Executed, result: """{"data":{"id":"123"}}""", accountName: "acme_hq");
        using var culture = TestCulture.Use(French);
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, taskId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=task-timeline] li").Count));
        var preview = page.Find("[data-kind=approval_requested] [data-testid=step-preview]").TextContent;
        Assert.Contains("Publier sur X en tant que acme_hq", preview);
        Assert.Contains("Bonjour de la part d’Acme", preview);
        Assert.DoesNotContain("Post on X as", page.Find("[data-testid=task-timeline]").TextContent);

        var done = page.Find("[data-kind=tool_result] [data-testid=step-done]");
        Assert.StartsWith("Effectué.", done.TextContent.Trim());
        Assert.DoesNotContain("{", done.TextContent);
        var link = page.Find("[data-kind=tool_result] [data-testid=step-result-link]");
        Assert.Equal("https://x.com/i/web/status/123", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal("Voir sur Twitter / X", link.TextContent.Trim());
        // The raw answer stays available, folded.
        Assert.Equal("""{"data":{"id":"123"}}""", page.Find("[data-kind=tool_result] details [data-testid=step-raw-result]").TextContent);
        var tools = page.FindAll("[data-testid=step-tool]");
        Assert.Equal(2, tools.Count);
        Assert.All(tools, tool => Assert.Equal("Publier sur X", tool.TextContent));
    }

    [Fact]
    public void EveryArgumentOfEveryWrite_HasALabel()
    {
        var texts = TestText.For<TasksText>();
        var arguments = Services.GetRequiredService<IIntegrationCatalog>().Providers
            .SelectMany(p => p.Actions)
            .Where(a => a.Effect == ActionEffect.Write)
            .SelectMany(a => a.Parameters.GetProperty("properties").EnumerateObject().Select(p => $"{a.ToolName}.{p.Name}"))
            .ToList();

        Assert.True(arguments.Count > 20, $"only {arguments.Count} write arguments found");
        Assert.DoesNotContain(arguments, argument => ApprovalPresentation.Label(texts, argument[(argument.IndexOf('.') + 1)..]) is null);
    }

    /// <summary>A task with one approval of the tool, its request step, and (once executed) the step of the provider's answer.</summary>
    [Fact]
    public async Task AWriteAskedOverMcp_SaysWhichTokenAskedForIt_AndLinksToNoTask()
    {
        var now = DateTime.UtcNow;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            db.Approvals.Add(new Approval
            {
                Id = Guid.NewGuid(),
                WorkspaceId = Owner.WorkspaceId,
                CallId = Guid.NewGuid().ToString("N"),
                ProviderId = "instagram",
                ActionName = "publish_post",
                Tool = "instagram_publish_post",
                ArgumentsJson = InstagramPost("https://cdn.acme.com/new-product.jpg"),
                Preview = RecordedPreview,
                RequestedBy = "Claude desktop",
                Status = ApprovalStatus.Pending,
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Assert.Contains("from Claude desktop (MCP)", page.Find("[data-testid=approval-origin]").TextContent));
        Assert.Equal("Publish on Instagram", page.Find("[data-testid=approval-title]").TextContent.Trim());
        Assert.DoesNotContain("See the task", page.Markup);
        Assert.NotNull(page.Find("[data-testid=approval] button"));
    }

    private async Task<(Guid TaskId, Guid ApprovalId)> SeedAsync(
        string agentId, string providerId, string actionName, string argumentsJson,
        ApprovalStatus status = ApprovalStatus.Pending, string? result = null, string? accountName = null, string decidedBy = "owner@bunit.test")
    {
        var now = DateTime.UtcNow;
        var executed = status == ApprovalStatus.Executed;
        var tool = $"{providerId}_{actionName}";
        var task = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            AgentId = agentId,
            Description = "Publish the launch",
            Status = executed ? AgentTaskStatus.Succeeded : AgentTaskStatus.AwaitingApproval,
            CreatedBy = Owner.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            TaskId = task.Id,
            AgentId = agentId,
            CallId = $"call_{Guid.NewGuid():N}",
            ProviderId = providerId,
            ActionName = actionName,
            Tool = tool,
            ArgumentsJson = argumentsJson,
            Preview = providerId == "twitter" ? "Post on X as 1234567890: the text" : RecordedPreview,
            AccountName = accountName,
            Status = status,
            CreatedAt = now,
            DecidedBy = executed ? decidedBy : null,
            DecidedAt = executed ? now : null,
            Result = result,
            ExecutedAt = executed ? now : null,
        };
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        db.Tasks.Add(task);
        db.Approvals.Add(approval);
        db.TaskSteps.Add(new TaskStep
        {
            TaskId = task.Id,
            Kind = TaskStepKind.ApprovalRequested,
            Tool = tool,
            Effect = ActionEffect.Write,
            Summary = approval.Preview,
            ApprovalId = approval.Id,
            At = now,
        });
        if (executed)
        {
            db.TaskSteps.Add(new TaskStep
            {
                TaskId = task.Id,
                Kind = TaskStepKind.ToolResult,
                Tool = tool,
                Effect = ActionEffect.Write,
                Summary = $"Done: {result}",
                Succeeded = true,
                ApprovalId = approval.Id,
                At = now.AddSeconds(1),
            });
        }

        await db.SaveChangesAsync();
        return (task.Id, approval.Id);
    }
}

using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>Per-user limits on giving tasks, and workspace isolation of tasks and approvals.</summary>
public sealed class TaskLimitsTests : TaskTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimits:Tasks:PermitLimit"] = "2" };

    [Fact]
    public async Task GivingTasksTooFast_Answers429WithRetryAfter()
    {
        await CreateTaskAsync("penn", "One");
        await CreateTaskAsync("penn", "Two");

        using var third = await Client.PostAsJsonAsync("/api/tasks", new { description = "Three", agent_id = "penn" });

        var problem = await ReadJsonAsync(third, 429);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(429, (int)problem["status"]!);
    }

    [Fact]
    public async Task AnotherWorkspace_CannotSeeOrDecide_TasksAndApprovals()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());
        var stranger = await Factory.CreateUserAsync("stranger@other.test");

        await ReadJsonAsync(await stranger.Client.GetAsync($"/api/tasks/{taskId}"), 404);
        await ReadJsonAsync(await stranger.Client.PostAsync($"/api/tasks/{taskId}/cancel", null), 404);
        await ReadJsonAsync(await stranger.Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null), 404);
        Assert.Empty((await ReadJsonAsync(await stranger.Client.GetAsync("/api/approvals"), 200))["approvals"]!.AsArray());
        Assert.Empty((await ReadJsonAsync(await stranger.Client.GetAsync("/api/tasks"), 200))["tasks"]!.AsArray());
        Assert.Empty(Providers.RequestsFor("instagram"));
    }
}

using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Findings of the second outside review on tasks and approvals: an approval is pinned to the connection it was
/// previewed with, and no tool argument, tool result or message reaches the log even at Trace.
/// </summary>
public sealed class TaskReviewTests : TaskTestBase
{
    [Fact]
    public async Task Approving_AfterTheConnectionWasReconfigured_Answers409_AndSendsNothing()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());
        Assert.Contains("as acme", (string)approval!["preview"]!);

        // An admin points the connection at another account with another token.
        var other = new Dictionary<string, string> { ["access_token"] = "EAAG-another-account-token", ["instagram_account_id"] = "17841400000000222" };
        using (var reconfigured = await ConfigureAsync("soshie", "instagram", other))
        {
            await ReadJsonAsync(reconfigured, 200);
        }

        using var approve = await Client.PostAsync($"/api/approvals/{approval["id"]}/approve", null);
        var problem = await ReadProblemAsync(approve, 409);
        Assert.Contains("changed since this was asked", (string)problem["detail"]!);
        Assert.Empty(Providers.RequestsFor("instagram"));

        // Still waiting: it can be rejected, and the task goes on without sending anything.
        Assert.Equal("pending", (string)Assert.Single(await PendingApprovalsAsync())!["status"]!);
        using var reject = await Client.PostAsJsonAsync($"/api/approvals/{approval["id"]}/reject", new { reason = "account changed" });
        Assert.Equal("rejected", (string)(await ReadJsonAsync(reject, 200))["status"]!);
        Assert.Empty(Providers.RequestsFor("instagram"));
    }

    [Fact]
    public async Task ATokenRefreshOrATest_DoesNotUnpinAnApproval()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());

        // A test of the same credentials changes the row's version, not what it acts as.
        await ReadJsonAsync(await ConnectAsync("soshie", "instagram"), 200);
        Providers.Reset();

        using var approve = await Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null);
        Assert.Equal("executed", (string)(await ReadJsonAsync(approve, 200))["status"]!);
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtTrace_NoToolArgument_ToolResult_OrMessageContent_IsLogged()
    {
        await ConnectProviderAsync("seomi", "google_search_console");
        await ConnectProviderAsync("seomi", "semrush");
        const string instruction = "Audit the site of zq-customer, our best client";
        const string domain = "zq-customer-site.example";
        const string answer = "zq-answer: the audit found nothing alarming";
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.CallAll(
                ("google_search_console_query_search_analytics", new { start_date = "2026-10-01", end_date = "2026-10-31" }),
                ("semrush_domain_overview", new { domain }))
            : ModelReply.Say(answer);

        var done = await WaitForAsync(await CreateTaskAsync("seomi", instruction), "succeeded");

        Assert.Equal(answer, (string)done["result"]!);
        var results = Model.Turns.Last().ToolResults;
        Assert.Contains("acme one", results[0].Content); // a tool result the model saw
        var logs = Factory.AllLogText();
        Assert.Contains(Factory.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Trace); // the host logs at Trace
        Assert.DoesNotContain(instruction, logs);
        Assert.DoesNotContain(domain, logs);
        Assert.DoesNotContain("acme one", logs);
        Assert.DoesNotContain("zq-answer", logs);
    }
}

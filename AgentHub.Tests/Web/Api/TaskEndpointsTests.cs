using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// `POST /api/tasks` end to end: the real OpenAI adapter against the loopback model, tools from the agent's connected
/// providers, the approval gate before every write, and the two examples of the specification.
/// </summary>
public sealed class TaskEndpointsTests : TaskTestBase
{
    [Fact]
    public async Task CreateTask_Answers409NamingTheSettings_WhenNoModelIsConfigured()
    {
        await using var bare = new AgentHubFactory(Providers);
        var owner = await bare.CreateUserAsync("owner@nomodel.test");

        using var response = await owner.Client.PostAsJsonAsync("/api/tasks", new { description = "Post something", agent_id = "soshie" });

        var problem = await ReadJsonAsync(response, 409);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AI:Endpoint", (string)problem["detail"]!);
        Assert.Equal(["AI:Endpoint", "AI:Model", "AI:ApiKey"], problem["settings"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task CreateTask_RefusesAMissingDescriptionAndAnUnknownAgent_WithFieldErrors()
    {
        using var response = await Client.PostAsJsonAsync("/api/tasks", new { description = " ", agent_id = "nobody" });

        var problem = await ReadJsonAsync(response, 400);
        Assert.NotNull(problem["errors"]!["description"]);
        Assert.NotNull(problem["errors"]!["agent_id"]);
        Assert.Empty(Model.Turns);
    }

    [Fact]
    public async Task SoshiesInstagramPost_WaitsForApproval_ThenPublishesOnce_AndSucceeds()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;

        var taskId = await CreateTaskAsync("soshie", "Créer un post Instagram sur notre nouveau produit avec 10 hashtags");
        var waiting = await WaitForAsync(taskId, "awaiting_approval");

        // The write never reached Instagram: it waits in the inbox with its preview.
        Assert.Empty(Providers.RequestsFor("instagram"));
        var approval = Assert.Single(await PendingApprovalsAsync());
        Assert.Equal("instagram_publish_post", (string)approval!["tool"]!);
        Assert.Equal("Instagram", (string)approval["provider_name"]!);
        Assert.Equal("https://cdn.acme.com/new-product.jpg", (string)approval["arguments"]!["image_url"]!);
        // The account by the name Instagram gave at the connection's check (@acme), not by its numeric id.
        Assert.Contains("Publish the image https://cdn.acme.com/new-product.jpg on Instagram as acme", (string)approval["preview"]!);
        Assert.Equal("acme", (string)approval["account_name"]!);
        Assert.Equal(10, ((string)approval["arguments"]!["caption"]!).Count(c => c == '#'));
        Assert.Contains(waiting["steps"]!.AsArray(), s => (string)s!["kind"]! == "approval_requested");

        using var approved = await Client.PostAsync($"/api/approvals/{approval["id"]}/approve", null);
        var decided = await ReadJsonAsync(approved, 200);
        Assert.Equal("executed", (string)decided["status"]!);

        var done = await WaitForAsync(taskId, "succeeded");
        var calls = Providers.RequestsFor("instagram");
        Assert.Equal(["/v21.0/17841400000000001/media", "/v21.0/17841400000000001/media_publish"], calls.Select(c => c.Path));
        Assert.All(calls, c => Assert.NotNull(c.Header("Idempotency-Key")));
        Assert.Contains(FakeActions.InstagramMediaId, (string)done["result"]!);
        var kinds = done["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToList();
        Assert.Equal(["tool_call", "approval_requested", "approval_decided", "tool_result", "result"], kinds);
        Assert.Equal("write", (string)done["steps"]![0]!["effect"]!);
        Assert.Contains("caption", (string)done["steps"]![0]!["summary"]!);

        // The model heard the real result of the call it asked for.
        Assert.Contains(FakeActions.InstagramMediaId, Model.Turns.Last().ToolResults.Single().Content);

        // Approvals and executed writes are in the audit trail and the call log.
        var audit = await GetJsonAsync("/api/audit");
        var actions = audit["entries"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("approve", actions);
        Assert.Contains("execute_action", actions);
        var callLog = await GetJsonAsync("/api/integrations/soshie/instagram/calls");
        Assert.Contains(callLog["calls"]!.AsArray(), c => ((string)c!["path"]!).EndsWith("/v21.0/17841400000000001/media_publish", StringComparison.Ordinal) && (int)c["status_code"]! == 200);
    }

    [Fact]
    public async Task ApproveClickedTenTimesAtOnce_PublishesExactlyOnce()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await WaitForAsync(taskId, "succeeded");
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reject_SendsNothing_AndTheModelHearsTheReason()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = turn => turn.ToolResults.Count == 0 ? SoshieScript(turn) : ModelReply.Say("Understood, nothing was posted.");
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());

        using var rejected = await Client.PostAsJsonAsync($"/api/approvals/{approval!["id"]}/reject", new { reason = "wrong image" });
        Assert.Equal("rejected", (string)(await ReadJsonAsync(rejected, 200))["status"]!);

        var done = await WaitForAsync(taskId, "succeeded");
        Assert.Empty(Providers.RequestsFor("instagram"));
        Assert.Contains("rejected: wrong image", Model.Turns.Last().ToolResults.Single().Content);
        Assert.Equal("Understood, nothing was posted.", (string)done["result"]!);
        Assert.Empty(await PendingApprovalsAsync());
    }

    [Fact]
    public async Task SeomisSeoAudit_RunsSearchConsoleAndSemrushReads_WithoutApproval()
    {
        await ConnectProviderAsync("seomi", "google_search_console");
        await ConnectProviderAsync("seomi", "semrush");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.CallAll(
                ("google_search_console_query_search_analytics", new { start_date = "2026-10-01", end_date = "2026-10-31" }),
                ("semrush_domain_overview", new { domain = "acme.com" }))
            : ModelReply.Say("SEO audit: 'acme one' brings 120 clicks at position 4.2; SEMrush ranks acme.com 15230 with 48210 organic keywords.");

        var taskId = await CreateTaskAsync("seomi", "Run an SEO audit of acme.com");
        var done = await WaitForAsync(taskId, "succeeded");

        Assert.StartsWith("SEO audit:", (string)done["result"]!);
        Assert.Single(Providers.RequestsFor("google_search_console"));
        Assert.Single(Providers.RequestsFor("semrush"));
        Assert.Empty(done["approvals"]!.AsArray());
        var results = Model.Turns.Last().ToolResults;
        Assert.Equal(2, results.Count);
        Assert.Contains("acme one", results[0].Content);
        Assert.Contains("48210", results[1].Content);
        Assert.Contains(done["steps"]!.AsArray(), s => (string)s!["kind"]! == "tool_result" && (string)s["tool"]! == "semrush_domain_overview" && (bool)s["succeeded"]!);
    }

    [Fact]
    public async Task OnlyTheToolsOfConnectedProviders_AreOffered()
    {
        await ConnectProviderAsync("soshie", "twitter");

        await WaitForAsync(await CreateTaskAsync("soshie", "What are people saying about us?"), "succeeded");
        Assert.Equal(["twitter_search_recent_posts", "twitter_create_post"], Model.Turns.Single().ToolNames.Where(n => !n.StartsWith("ask_", StringComparison.Ordinal)));

        using (await DisconnectAsync("soshie", "twitter"))
        {
        }

        Model.Reset();
        // With nothing connected any more, the agent can only answer from what it knows: "answered", not "succeeded".
        await WaitForAsync(await CreateTaskAsync("soshie", "What are people saying about us?"), "answered");
        Assert.DoesNotContain(Model.Turns.Single().ToolNames, n => !n.StartsWith("ask_", StringComparison.Ordinal));
        Assert.Contains("Soshie", (string)Model.Turns.Single().Messages[0]!["content"]!);
    }

    [Fact]
    public async Task ASecondIdenticalRead_WithinItsTtl_MakesNoProviderCall_AndCountsAsACacheHit()
    {
        await ConnectProviderAsync("seomi", "semrush");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("semrush_domain_overview", new { domain = "acme.com" })
            : ModelReply.Say("Done.");

        var first = await WaitForAsync(await CreateTaskAsync("seomi", "Overview of acme.com"), "succeeded");
        var second = await WaitForAsync(await CreateTaskAsync("seomi", "Overview of acme.com again"), "succeeded");

        Assert.Single(Providers.RequestsFor("semrush"));
        Assert.False((bool)first["steps"]!.AsArray().Single(s => (string)s!["kind"]! == "tool_result")!["cached"]!);
        Assert.True((bool)second["steps"]!.AsArray().Single(s => (string)s!["kind"]! == "tool_result")!["cached"]!);
        var usage = (await GetJsonAsync("/api/integrations/seomi/semrush/calls"))["usage"]!;
        Assert.Equal(2, (int)usage["calls24h"]!); // the connection's check and the first read; the cache hit is counted apart
        Assert.Equal(1, (int)usage["cache_hits24h"]!);

        // A credential change evicts the connection's answers: the next read calls SEMrush again.
        await ConnectProviderAsync("seomi", "semrush");
        await WaitForAsync(await CreateTaskAsync("seomi", "And once more"), "succeeded");
        Assert.Single(Providers.RequestsFor("semrush"));
    }

    [Fact]
    public async Task AToolError_GoesBackToTheModel_AsAResult()
    {
        await ConnectProviderAsync("seomi", "semrush");
        Providers.SetMode("semrush", FakeProviderMode.ServerError);
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("semrush_domain_overview", new { domain = "acme.com" })
            : ModelReply.Say("SEMrush is failing right now.");

        var done = await WaitForAsync(await CreateTaskAsync("seomi", "Overview of acme.com"), "succeeded");

        var result = Model.Turns.Last().ToolResults.Single().Content;
        Assert.Contains("\"error\"", result);
        Assert.Contains("SEMrush failed (500)", result);
        Assert.Contains(done["steps"]!.AsArray(), s => (string)s!["kind"]! == "tool_result" && !(bool)s["succeeded"]!);
    }

    [Fact]
    public async Task InvalidArguments_AreReturnedToTheModel_AndNoApprovalIsCreated()
    {
        await ConnectProviderAsync("soshie", "twitter");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("twitter_create_post", new { text = new string('x', 300) })
            : ModelReply.Say("The post was too long.");

        await WaitForAsync(await CreateTaskAsync("soshie", "Tweet something long"), "succeeded");

        Assert.Empty(await PendingApprovalsAsync());
        Assert.Contains("not valid", Model.Turns.Last().ToolResults.Single().Content);
        Assert.Empty(Providers.RequestsFor("twitter"));
    }

    [Fact]
    public async Task TheTurnBudget_EndsATaskThatKeepsCallingTools()
    {
        await ConnectProviderAsync("seomi", "semrush");
        var domain = 0;
        Model.Responder = _ => ModelReply.Call("semrush_domain_overview", new { domain = $"site{Interlocked.Increment(ref domain)}.com" });

        var done = await WaitForAsync(await CreateTaskAsync("seomi", "Never stop"), "failed");

        Assert.Equal(8, Model.Turns.Count);
        Assert.Contains("8 model turns", (string)done["error"]!);
        Assert.Equal(8, (int)done["turns"]!);
    }

    [Fact]
    public async Task Cancel_StopsAWaitingTask_AndItsApprovalCanNoLongerBeApproved()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());

        using var cancelled = await Client.PostAsync($"/api/tasks/{taskId}/cancel", null);
        Assert.Equal("cancelled", (string)(await ReadJsonAsync(cancelled, 200))["status"]!);
        using var approve = await Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null);

        Assert.Equal("cancelled", (string)(await ReadJsonAsync(approve, 200))["status"]!);
        Assert.Empty(Providers.RequestsFor("instagram"));
        using var again = await Client.PostAsync($"/api/tasks/{taskId}/cancel", null);
        await ReadJsonAsync(again, 409);
    }

    [Fact]
    public async Task Members_SeeTasksAndApprovals_ButCannotCreateOrDecideThem()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Post about the new product");
        await WaitForAsync(taskId, "awaiting_approval");
        var member = await InviteAsync("member@acme.test", "member");

        using var create = await member.Client.PostAsJsonAsync("/api/tasks", new { description = "Post", agent_id = "soshie" });
        await ReadJsonAsync(create, 403);
        var approval = Assert.Single(await PendingApprovalsAsync(member.Client));
        using var approve = await member.Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null);
        await ReadJsonAsync(approve, 403);
        using var reject = await member.Client.PostAsJsonAsync($"/api/approvals/{approval["id"]}/reject", new { reason = "no" });
        await ReadJsonAsync(reject, 403);
        await WaitForAsync(taskId, "awaiting_approval", member.Client);
        Assert.Empty(Providers.RequestsFor("instagram"));
    }

    [Fact]
    public async Task NoCredential_ReachesTheModel_TheTaskSteps_TheApprovals_OrTheLogs()
    {
        await ConnectProviderAsync("soshie", "instagram");
        await ConnectProviderAsync("seomi", "google_search_console");
        await ConnectProviderAsync("seomi", "semrush");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.CallAll(
                ("google_search_console_query_search_analytics", new { start_date = "2026-10-01", end_date = "2026-10-31" }),
                ("semrush_domain_overview", new { domain = "acme.com" }))
            : ModelReply.Say("Done.");
        var audit = await WaitForAsync(await CreateTaskAsync("seomi", "Audit"), "succeeded");
        Model.Responder = SoshieScript;
        var postId = await CreateTaskAsync("soshie", "Post");
        await WaitForAsync(postId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync());
        using (await Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null))
        {
        }

        var post = await WaitForAsync(postId, "succeeded");

        var secrets = new[] { "instagram", "google_search_console", "semrush" }
            .SelectMany(id => FakeProviders.Get(id).Valid.Where(v => v.Key is "access_token" or "api_key").Select(v => v.Value))
            .ToList();
        Assert.Equal(3, secrets.Count);
        var places = new Dictionary<string, string>
        {
            ["model requests"] = string.Join('\n', Model.RawRequests),
            ["task steps"] = audit.ToJsonString() + post.ToJsonString(),
            ["approvals"] = (await GetJsonAsync("/api/approvals")).ToJsonString(),
            ["logs"] = Factory.AllLogText(),
        };
        foreach (var secret in secrets)
        {
            foreach (var (place, text) in places)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{place} contain a credential");
            }
        }

        Assert.NotEmpty(Model.RawRequests);
    }
}

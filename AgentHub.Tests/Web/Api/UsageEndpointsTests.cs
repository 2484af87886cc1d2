using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// What the AI costs: every model response's usage (the loopback model reports it as OpenAI documents it: streamed in a
/// last chunk, cached input within the prompt's) is recorded against its task, helper and source, priced from
/// `AI:Prices`, and reported by day, helper and source; a monthly budget warns at 80% and refuses new work at 100%
/// while the turn already running finishes.
/// </summary>
public sealed class UsageEndpointsTests : TaskTestBase
{
    // test-model: 2.50 per million input tokens, 1.25 per million cached ones, 10 per million output tokens.
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AI:Prices:test-model:InputPerMillion"] = "2.5",
        ["AI:Prices:test-model:CachedInputPerMillion"] = "1.25",
        ["AI:Prices:test-model:OutputPerMillion"] = "10",
        ["AI:Currency"] = "EUR",
    };

    // One fake response: 1200 tokens in (200 of them cached), 300 out.
    private const decimal CostOfOneResponse = (1000 * 2.5m + 200 * 1.25m + 300 * 10m) / 1_000_000m;

    /// <summary>Polls the task until its usage counts <paramref name="calls"/> model responses (recording is asynchronous).</summary>
    private async Task<JsonNode> UsageOfTaskAsync(Guid taskId, int calls)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var task = await GetJsonAsync($"/api/tasks/{taskId}");
            if ((int)task["usage"]!["calls"]! >= calls)
            {
                return task["usage"]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"usage not recorded: {task["usage"]}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the budget threshold's audit entry (written after the usage, in the background), then checks it is the only one.</summary>
    private async Task AuditedAsync(string outcome)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var entries = (await GetJsonAsync("/api/audit"))["entries"]!.AsArray()
                .Where(e => (string)e!["action"]! == "budget_threshold" && (string)e["outcome"]! == outcome).ToList();
            if (entries.Count > 0)
            {
                Assert.Single(entries);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no budget_threshold {outcome} entry");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ATasksModelCalls_AreRecordedAndPriced_AndReportedByAgentSourceAndDay()
    {
        await ConnectProviderAsync("seomi", "semrush");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("semrush_domain_overview", new { domain = "acme.com" })
            : ModelReply.Say("acme.com ranks 15230.");

        var taskId = await CreateTaskAsync("seomi", "How does acme.com rank?");
        await WaitForAsync(taskId, "succeeded");
        var usage = await UsageOfTaskAsync(taskId, 2);

        Assert.Equal(2, (int)usage["calls"]!);
        Assert.Equal(2400, (long)usage["input_tokens"]!);
        Assert.Equal(400, (long)usage["cached_input_tokens"]!);
        Assert.Equal(600, (long)usage["output_tokens"]!);
        Assert.Equal(3000, (long)usage["total_tokens"]!);
        Assert.Equal(2 * CostOfOneResponse, (decimal)usage["cost"]!);
        Assert.Equal(0, (long)usage["unpriced_calls"]!);

        // A second task, asked over MCP, is counted as the token's.
        var token = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/tokens", new { name = "Claude desktop", scope = "mcp", access = "write", expires_in_days = 30 }), 201))["token"]!;
        Model.Responder = _ => ModelReply.Say("Three headlines.");
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using (var mcp = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp") }, http, ownsHttpClient: true)))
        {
            var asked = await mcp.CallToolAsync("ask_penn", new Dictionary<string, object?> { ["instruction"] = "Three headlines" });
            var pennTask = Guid.Parse((string)JsonNode.Parse(asked.StructuredContent!.Value.GetRawText())!["task_id"]!);
            await WaitForAsync(pennTask, "answered");
            await UsageOfTaskAsync(pennTask, 1);
        }

        var byAgent = await GetJsonAsync("/api/usage?group_by=agent");
        Assert.Equal("EUR", (string)byAgent["currency"]!);
        var agents = byAgent["groups"]!.AsArray().ToDictionary(g => (string)g!["key"]!, g => g!["usage"]!);
        Assert.Equal(["penn", "seomi"], agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, (long)agents["seomi"]["calls"]!);
        Assert.Equal(1, (long)agents["penn"]["calls"]!);
        Assert.Equal(3 * CostOfOneResponse, (decimal)byAgent["total"]!["cost"]!);
        Assert.Equal(4500, (long)byAgent["total"]!["total_tokens"]!);

        var bySource = (await GetJsonAsync("/api/usage?group_by=source"))["groups"]!.AsArray()
            .ToDictionary(g => (string)g!["key"]!, g => (long)g!["usage"]!["calls"]!);
        Assert.Equal(new Dictionary<string, long> { ["mcp"] = 1, ["person"] = 2 }, bySource);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var byDay = await GetJsonAsync($"/api/usage?from={today}&to={today}&group_by=day");
        Assert.Equal(today, (string)byDay["groups"]![0]!["key"]!);
        Assert.Equal(3, (long)byDay["groups"]![0]!["usage"]!["calls"]!);

        // Bad input: field errors; members may not read what the AI costs.
        var problem = await ReadProblemAsync(await Client.GetAsync("/api/usage?group_by=week&from=2026-12-31&to=2026-01-01"), 400);
        Assert.NotNull(problem["errors"]!["group_by"]);
        Assert.NotNull(problem["errors"]!["from"]);
        await ReadProblemAsync(await Client.GetAsync("/api/usage?from=yesterday"), 400);
        var member = await InviteAsync("member@acme.test", "member");
        await ReadProblemAsync(await member.Client.GetAsync("/api/usage"), 403);
    }

    [Fact]
    public async Task AConversation_ShowsTheTokensAndCostOfItsTurns()
    {
        Model.Responder = _ => ModelReply.Say("Voici une légende.");
        var conversation = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 201))["id"]!;
        var turn = Guid.Parse((string)(await ReadJsonAsync(await Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text = "Une légende" }), 202))["turn_id"]!);
        await WaitForAsync(turn, "answered");
        await UsageOfTaskAsync(turn, 1);

        var view = await GetJsonAsync($"/api/conversations/{conversation}");
        Assert.Equal(1500, (long)view["usage"]!["total_tokens"]!);
        Assert.Equal(CostOfOneResponse, (decimal)view["usage"]!["cost"]!);
        Assert.Equal(1500, (long)view["turns"]![0]!["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task ABudget_WarnsAt80Percent_RefusesNewWorkAt100_AndLetsTheRunningTurnFinish()
    {
        var member = await InviteAsync("member@acme.test", "member");
        await ReadProblemAsync(await member.Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 1000 }), 403);
        var invalid = await ReadProblemAsync(await Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 0, monthly_cost = -1 }), 400);
        Assert.NotNull(invalid["errors"]!["monthly_tokens"]);
        Assert.NotNull(invalid["errors"]!["monthly_cost"]);

        // 1800 tokens a month: one response (1500) is 83%.
        var set = await ReadJsonAsync(await Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 1800 }), 200);
        Assert.Equal("ok", (string)set["state"]!);
        Model.Responder = _ => ModelReply.Say("Done.");
        var first = await CreateTaskAsync("penn", "Write a slogan");
        await WaitForAsync(first, "answered");
        await UsageOfTaskAsync(first, 1);

        var warning = await GetJsonAsync("/api/workspace/budget");
        Assert.Equal("warning", (string)warning["state"]!);
        Assert.Equal(83, (int)warning["percent"]!);
        Assert.Equal(1500, (long)warning["used_tokens"]!);
        await AuditedAsync("warning");

        // A turn starts under the limit and is held mid-answer; the budget is then lowered below the month's use.
        Model.StreamGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var conversation = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 201))["id"]!;
        var running = Guid.Parse((string)(await ReadJsonAsync(await Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text = "Une légende" }), 202))["turn_id"]!);
        await WaitForAsync(running, "running");
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 1000 }), 200);

        // New work is refused with 409 and the budget...
        var refused = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/tasks", new { description = "Another slogan", agent_id = "penn" }), 409);
        Assert.Equal("exceeded", (string)(await GetJsonAsync("/api/workspace/budget"))["state"]!);
        Assert.Equal(1000, (long)refused["budget"]!["monthly_tokens"]!);
        Assert.Equal(1500, (long)refused["budget"]!["used_tokens"]!);
        Assert.Contains("budget", (string)refused["detail"]!, StringComparison.Ordinal);
        var other = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/conversations", new { agent_id = "buddy" }), 201))["id"]!;
        await ReadProblemAsync(await Client.PostAsJsonAsync($"/api/conversations/{other}/messages", new { text = "Bonjour" }), 409);

        // ...while the turn already running finishes, and is counted.
        Model.StreamGate.SetResult();
        await WaitForAsync(running, "answered");
        await UsageOfTaskAsync(running, 1);
        Assert.Equal(3000, (long)(await GetJsonAsync("/api/workspace/budget"))["used_tokens"]!);
        await AuditedAsync("exceeded");
        Assert.Single((await GetJsonAsync("/api/audit"))["entries"]!.AsArray(), e => (string)e!["action"]! == "budget_threshold" && (string)e["outcome"]! == "warning");

        // An owner raises it: work starts again.
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 100_000, monthly_cost = 5.0 }), 200);
        await CreateTaskAsync("penn", "One more slogan");
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Tasks and approvals across instances: two app processes on one SQLite file run each task once (each holds a lease
/// per task), and an approval clicked on both at once sends the provider exactly one call.
/// </summary>
public sealed class TaskInstancesTests : TwoInstancesTestBase
{
    private static async Task ConnectAsync(HttpClient client, string agent, string providerId)
    {
        (await client.PostAsJsonAsync($"/api/integrations/{agent}/{providerId}/configure", new { credentials = FakeProviders.Get(providerId).Valid })).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/integrations/{agent}/{providerId}/connect", null)).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string agent, string description)
    {
        var created = await client.PostAsJsonAsync("/api/tasks", new { description, agent_id = agent });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, created.StatusCode);
        return Guid.Parse((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    private static async Task<JsonObject> WaitForAsync(HttpClient client, Guid taskId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var task = (await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}"))!;
            if ((string)task["status"]! == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task {task["status"]}, waiting for {status}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_RunEachTaskOnce()
    {
        var (first, second) = await SignInAsync("owner@tasks-two.test");
        await ConnectAsync(first, "soshie", "twitter");
        Model.Responder = _ => ModelReply.Say("Nothing to do.");

        var tasks = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            tasks.Add(await CreateAsync(i % 2 == 0 ? first : second, "soshie", $"Task {i}"));
        }

        foreach (var id in tasks)
        {
            await WaitForAsync(first, id, "succeeded");
        }

        // One model request per task: no task was run by both instances.
        Assert.Equal(8, Model.Turns.Count);
        Assert.Equal(8, Model.Turns.Select(t => t.UserText).Distinct().Count());
    }

    [Fact]
    public async Task AnApprovalClickedOnBothInstancesAtOnce_SendsTheWriteExactlyOnce()
    {
        var (first, second) = await SignInAsync("owner@approve-two.test");
        await ConnectAsync(first, "soshie", "instagram");
        Providers.Reset();
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("instagram_publish_post", new { image_url = "https://cdn.acme.com/new-product.jpg", caption = "New! #acme" })
            : ModelReply.Say("Published.");
        var taskId = await CreateAsync(first, "soshie", "Post about the new product");
        await WaitForAsync(second, taskId, "awaiting_approval");
        var approval = (await second.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending"))!["approvals"]!.AsArray().Single()!;

        var clicks = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).PostAsync($"/api/approvals/{approval["id"]}/approve", null));
        var responses = await Task.WhenAll(clicks);

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        await WaitForAsync(first, taskId, "succeeded");
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media", StringComparison.Ordinal));
        Assert.Equal(2, Model.Turns.Count);
    }
}

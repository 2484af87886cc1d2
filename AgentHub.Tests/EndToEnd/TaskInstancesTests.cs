using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Tasks and approvals across instances: two app processes on one SQLite file run each task once (each holds a lease
/// per task), and an approval clicked on both at once sends the provider exactly one call.
/// </summary>
public sealed class TaskInstancesTests : IAsyncLifetime
{
    private FakeProviderServer _providers = null!;
    private FakeModelServer _model = null!;
    private AppServer _first = null!;
    private AppServer _second = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviderServer.StartAsync();
        _model = await FakeModelServer.StartAsync();
        var settings = _model.Settings().ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Tasks:PollInterval"] = "00:00:00.100";
        settings["RateLimits:ConnectionTests:PermitLimit"] = "1000";
        _first = await AppServer.StartAsync(_providers, settings);
        _second = await AppServer.StartAsync(_providers, settings, databasePath: _first.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _model.DisposeAsync();
        await _providers.DisposeAsync();
    }

    private async Task<(HttpClient First, HttpClient Second)> SignInAsync(string email)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_first.BaseUrl) };
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = AgentHubFactory.Password })).EnsureSuccessStatusCode();
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = AgentHubFactory.Password })).Content.ReadFromJsonAsync<JsonObject>();
        HttpClient Bearer(string baseUrl) => new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", (string)login!["accessToken"]!) } };
        return (Bearer(_first.BaseUrl), Bearer(_second.BaseUrl));
    }

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
        _model.Responder = _ => ModelReply.Say("Nothing to do.");

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
        Assert.Equal(8, _model.Turns.Count);
        Assert.Equal(8, _model.Turns.Select(t => t.UserText).Distinct().Count());
    }

    [Fact]
    public async Task AnApprovalClickedOnBothInstancesAtOnce_SendsTheWriteExactlyOnce()
    {
        var (first, second) = await SignInAsync("owner@approve-two.test");
        await ConnectAsync(first, "soshie", "instagram");
        _providers.Reset();
        _model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("instagram_publish_post", new { image_url = "https://cdn.acme.com/new-product.jpg", caption = "New! #acme" })
            : ModelReply.Say("Published.");
        var taskId = await CreateAsync(first, "soshie", "Post about the new product");
        await WaitForAsync(second, taskId, "awaiting_approval");
        var approval = (await second.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending"))!["approvals"]!.AsArray().Single()!;

        var clicks = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).PostAsync($"/api/approvals/{approval["id"]}/approve", null));
        var responses = await Task.WhenAll(clicks);

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        await WaitForAsync(first, taskId, "succeeded");
        Assert.Single(_providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        Assert.Single(_providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media", StringComparison.Ordinal));
        Assert.Equal(2, _model.Turns.Count);
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// API tests of agent tasks: the app with the loopback OpenAI-compatible model (through the real OpenAI adapter) and
/// the fake providers, each test with its own host.
/// </summary>
public abstract class TaskTestBase : ApiTestBase, IAsyncLifetime
{
    protected FakeModelServer Model { get; private set; } = null!;

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public new async Task InitializeAsync()
    {
        Model = await FakeModelServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model));

    protected IDictionary<string, string?> TaskSettings(FakeModelServer model)
    {
        var settings = model.Settings().ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["Tasks:PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Configures and tests a provider with its valid credentials, then forgets the check's request.</summary>
    protected async Task ConnectProviderAsync(string agent, string providerId, HttpClient? client = null)
    {
        client ??= Client;
        using var configured = await client.PostAsJsonAsync($"/api/integrations/{agent}/{providerId}/configure",
            new { credentials = FakeProviders.Get(providerId).Valid });
        await ReadJsonAsync(configured, 200);
        using var connected = await client.PostAsync($"/api/integrations/{agent}/{providerId}/connect", null);
        var result = await ReadJsonAsync(connected, 200);
        Assert.Equal("connected", (string)result["integration"]!["status"]!);
        Providers.Reset();
    }

    protected async Task<Guid> CreateTaskAsync(string agent, string description, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync("/api/tasks", new { description, agent_id = agent });
        var task = await ReadJsonAsync(response, 202);
        var id = Guid.Parse((string)task["id"]!);
        Assert.Equal($"/api/tasks/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>Polls the task until it reaches <paramref name="status"/> (at most 20 s); fails on another final status.</summary>
    protected async Task<JsonNode> WaitForAsync(Guid taskId, string status, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var task = await ReadJsonAsync(await (client ?? Client).GetAsync($"/api/tasks/{taskId}"), 200);
            var current = (string)task["status"]!;
            if (current == status)
            {
                return task;
            }

            Assert.False(current is "succeeded" or "answered" or "failed" or "cancelled", $"task ended {current}, waiting for {status}: {task}");
            Assert.True(DateTime.UtcNow < deadline, $"task still {current}, waiting for {status}: {task}");
            await Task.Delay(50);
        }
    }

    /// <summary>Saves an enabled rule: when <paramref name="providerId"/> sends <paramref name="eventType"/>, ask <paramref name="agent"/>.</summary>
    protected async Task EnableRuleAsync(string providerId, string eventType, string agent, string instruction) =>
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/webhook-rules", new
        {
            provider_id = providerId,
            event_type = eventType,
            agent_id = agent,
            instruction,
            enabled = true,
        }), 200);

    protected async Task<JsonArray> PendingApprovalsAsync(HttpClient? client = null) =>
        (await ReadJsonAsync(await (client ?? Client).GetAsync("/api/approvals?status=pending"), 200))["approvals"]!.AsArray();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }

    /// <summary>Soshie's script: publish the post; once the result is back, report it.</summary>
    protected static ModelReply SoshieScript(ModelTurn turn) => turn.ToolResults.Count == 0
        ? ModelReply.Call("instagram_publish_post", new
        {
            image_url = "https://cdn.acme.com/new-product.jpg",
            caption = "Meet the Acme One, our new product. #acme #acmeone #launch #newproduct #design #tech #gadget #innovation #madeforyou #comingsoon",
        })
        : ModelReply.Say($"Finished: {turn.ToolResults[^1].Content}");
}

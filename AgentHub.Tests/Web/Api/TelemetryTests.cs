using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// OpenTelemetry at full sampling with the in-memory exporter: a connection test, a task whose model calls a write that
/// is approved and sent, an MCP call and a webhook address are traced (ASP.NET Core, HttpClient, EF Core,
/// Microsoft.Extensions.AI) and metered (AgentHub's meter, GenAI, HTTP); then every span name, attribute, event and
/// metric tag is walked, and none holds a credential, a token, the model's key, a webhook key, the prompt, a provider's
/// answer or a person's email.
/// </summary>
public sealed class TelemetryTests : TaskTestBase
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" };

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model), services: s =>
    {
        s.ConfigureOpenTelemetryTracerProvider(b => b.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(_spans));
        s.ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(_metrics));
    });

    [Fact]
    public async Task SpansAndMetrics_CoverTheWork_AndCarryNoSecretOrPersonalValue()
    {
        const string prompt = "PROMPT-7731 publish the launch photo";
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("instagram_publish_post", new { image_url = "https://cdn.acme.com/new-product.jpg", caption = "CAPTION-5510 #acme" })
            : ModelReply.Say("ANSWER-9921 posted.");
        var taskId = await CreateTaskAsync("soshie", prompt);
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync())!;
        await ReadJsonAsync(await Client.PostAsync($"/api/approvals/{approval["id"]}/approve", null), 200);
        await WaitForAsync(taskId, "succeeded");

        var token = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/tokens", new { name = "Claude", scope = "mcp", access = "read", expires_in_days = 30 }), 201))["token"]!;
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using (var mcp = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp") }, http, ownsHttpClient: true)))
        {
            await mcp.CallToolAsync("instagram_get_recent_media", new Dictionary<string, object?> { ["limit"] = 3 });
        }

        const string webhookKey = "HOOKKEY4d1c9e0b7a2f";
        using (var hook = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))
        {
            await Factory.CreateClient().PostAsync($"/hooks/instagram/{webhookKey}?hub.verify_token=VERIFY-3141", hook);
        }

        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // Snapshots: the app keeps working (its runner polls) and exporting while the test reads.
        var spans = _spans.ToArray().Where(s => s is not null).ToList();
        var metrics = _metrics.ToArray().Where(m => m is not null).ToList();

        // What operators see.
        var sources = spans.Select(s => s.Source.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Microsoft.AspNetCore", sources);
        Assert.Contains("System.Net.Http", sources);
        Assert.Contains("OpenTelemetry.Instrumentation.EntityFrameworkCore", sources);
        Assert.Contains("Experimental.Microsoft.Extensions.AI", sources);
        Assert.Contains(spans, s => s.Source.Name == "System.Net.Http" && (string?)s.GetTagItem("agenthub.provider") == "instagram");
        Assert.Contains(spans, s => s.GetTagItem("gen_ai.usage.input_tokens") is not null);
        Assert.Contains(spans, s => (string?)s.GetTagItem("url.path") == "/hooks/{provider_id}/{key}");
        var instruments = metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[] { "agenthub.model.tokens", "agenthub.connection.tests", "agenthub.tasks", "agenthub.approvals", "gen_ai.client.token.usage",
                     "http.server.request.duration", "http.client.request.duration" })
        {
            Assert.Contains(name, instruments);
        }

        // What they never see.
        var forbidden = new List<string> { token, FakeModelServer.ApiKey, webhookKey, "VERIFY-3141", "PROMPT-7731", "CAPTION-5510", "ANSWER-9921", Owner.Email,
            FakeActions.InstagramMediaId, FakeActions.InstagramCreationId };
        forbidden.AddRange(FakeProviders.Get("instagram").Valid.Values.Where(v => v.Length >= 8));
        var seen = new List<string>();
        foreach (var span in spans)
        {
            seen.Add(span.DisplayName);
            seen.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            seen.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name)));
            seen.AddRange(span.Baggage.Select(b => $"{b.Key}={b.Value}"));
        }

        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    seen.Add($"{metric.Name}:{tag.Key}={tag.Value}");
                }
            }
        }

        Assert.True(seen.Count > 500, $"only {seen.Count} attributes were recorded");
        foreach (var value in forbidden)
        {
            Assert.DoesNotContain(seen, s => s.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentHub.Core.Data;
using AgentHub.Core.Webhooks;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// The webhook processor on a fake clock, driven by hand: the app's own processor and recurring jobs (whose timers the
/// fake clock would fire) are removed.
/// </summary>
public abstract class WebhookProcessingTestBase : TaskTestBase
{
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model), services: services =>
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) &&
                                                   (d.ImplementationType == typeof(WebhookProcessorService) || d.ImplementationType == typeof(AgentHub.Core.Background.RecurringJobHost))).ToList())
        {
            services.Remove(hosted);
        }

        services.AddSingleton<TimeProvider>(Clock);
    });

    protected WebhookProcessor Processor => Factory.Services.GetRequiredService<WebhookProcessor>();

    protected async Task<Guid> ReceiveAsync()
    {
        await EnableRuleAsync("copy_ai", "workflowRun.completed", "penn", "Review the copy of run {id}");
        var sender = WebhookSender.For("copy_ai");
        var address = (string)(await ReadJsonAsync(await Client.GetAsync("/api/integrations/penn/copy_ai/webhook"), 200))["address"]!;
        using var request = sender.Request(address, Encoding.UTF8.GetBytes(sender.SampleBody), Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().SendAsync(request)).StatusCode);
        return Assert.Single(await Processor.DueAsync());
    }

    protected async Task<WebhookDelivery> DeliveryAsync(Guid id)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    protected async Task<int> TaskCountAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.Tasks.CountAsync();
    }

}

/// <summary>
/// A processor that dies holding a delivery leaves nothing behind and another finishes it once the lease expires;
/// deliveries older than the retention are swept.
/// </summary>
public sealed class WebhookProcessorTests : WebhookProcessingTestBase
{
    [Fact]
    public async Task AProcessorKilledMidJob_IsResumedAfterItsLeaseExpires_AndTheEventIsProcessedOnce()
    {
        var id = await ReceiveAsync();

        Assert.True(await Processor.TryLeaseAsync(id, "worker-that-dies"));
        // While the lease holds, nobody else gets the delivery.
        Assert.Equal(0, await Processor.ProcessDueAsync("survivor"));
        Assert.Equal(0, await TaskCountAsync());

        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Processor.ProcessDueAsync("survivor"));

        // The dead worker coming back late cannot finish (or start tasks) a second time.
        Assert.False(await Processor.ProcessAsync(id, "worker-that-dies"));
        var delivery = await DeliveryAsync(id);
        Assert.Equal(WebhookDeliveryStatus.Processed, delivery.Status);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(1, delivery.TasksStarted);
        Assert.Equal(1, await TaskCountAsync());
    }

    [Fact]
    public async Task DeliveriesOlderThanTheRetention_AreSwept()
    {
        var id = await ReceiveAsync();
        await Processor.ProcessDueAsync("worker");

        Assert.Equal(0, await Processor.SweepAsync());
        Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Processor.SweepAsync());
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.Id == id));
    }
}

/// <summary>With no model configured, a delivery whose rule matches backs off, is dead-lettered after the last attempt, and Replay brings it back.</summary>
public sealed class WebhookRetryTests : WebhookProcessingTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Webhooks:MaxAttempts"] = "2", ["AI:Endpoint"] = "" };

    [Fact]
    public async Task AFailingDelivery_BacksOff_IsDeadLetteredAfterTheLastAttempt_AndReplayBringsItBack()
    {
        // A rule matches but no model is configured: the task cannot start, so the delivery must not be processed.
        var id = await ReceiveAsync();

        Assert.Equal(0, await Processor.ProcessDueAsync("worker"));
        var failed = await DeliveryAsync(id);
        Assert.Equal(WebhookDeliveryStatus.Received, failed.Status);
        Assert.Contains("No model is configured", failed.LastError);
        var delay = failed.NextAttemptAt - Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(delay, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12)); // 10 s ± 20 % jitter
        Assert.Equal(0, await Processor.ProcessDueAsync("worker")); // not before its time

        Clock.Advance(delay + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Processor.ProcessDueAsync("worker"));
        Assert.Equal(WebhookDeliveryStatus.DeadLettered, (await DeliveryAsync(id)).Status);
        var listed = (await ReadJsonAsync(await Client.GetAsync("/api/integrations/penn/copy_ai/events"), 200))["events"]![0]!;
        Assert.Equal("dead_lettered", (string)listed["status"]!);
        Assert.Equal(0, await Processor.ProcessDueAsync("worker")); // dead letters wait for a human

        // The owner turns the rule off (or configures a model), then replays: the delivery is processed.
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/webhook-rules", new
        {
            provider_id = "copy_ai",
            event_type = "workflowRun.completed",
            agent_id = "penn",
            instruction = "Review the copy of run {id}",
            enabled = false,
        }), 200);
        var replayed = await ReadJsonAsync(await Client.PostAsync($"/api/webhook-deliveries/{id}/replay", null), 200);
        Assert.Equal("verified", (string)replayed["status"]!);
        Assert.Equal(0, (int)replayed["attempts"]!);
        Assert.Equal(1, await Processor.ProcessDueAsync("worker"));
        Assert.Equal(WebhookDeliveryStatus.Processed, (await DeliveryAsync(id)).Status);
        Assert.Equal(0, await TaskCountAsync());
        await ReadJsonAsync(await Client.PostAsync($"/api/webhook-deliveries/{id}/replay", null), 409);
    }
}

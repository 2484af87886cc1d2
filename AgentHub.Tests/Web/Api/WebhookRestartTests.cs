using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentHub.Core.Webhooks;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Nothing is lost on restart: deliveries stored by a host that stops before processing them (its processor is
/// removed, as if it died right after answering) are processed by the next host on the same database.
/// </summary>
public sealed class WebhookRestartTests : TaskTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model), services: services =>
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(WebhookProcessorService)).ToList())
        {
            services.Remove(hosted);
        }
    })
    { KeepDatabase = true };

    [Fact]
    public async Task DeliveriesStoredBeforeARestart_AreProcessedAfterIt_Once()
    {
        await EnableRuleAsync("zendesk", "ticket.created", "cassie", "Triage and draft a reply to ticket {id}");
        Model.Responder = _ => ModelReply.Say("Triaged.");
        var zendesk = WebhookSender.For("zendesk");
        var address = (string)(await ReadJsonAsync(await Client.GetAsync("/api/integrations/cassie/zendesk/webhook"), 200))["address"]!;
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/integrations/cassie/zendesk/webhook", new { secrets = zendesk.Secrets }), 200);
        for (var i = 0; i < 3; i++)
        {
            var body = Encoding.UTF8.GetBytes($$$"""{"type":"zen:event-type:ticket.created","id":"restart-{{{i}}}","detail":{"id":"{{{500 + i}}}"}}""");
            using var request = zendesk.Request(address, body, DateTimeOffset.UtcNow);
            Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().SendAsync(request)).StatusCode);
        }

        var stored = (await ReadJsonAsync(await Client.GetAsync("/api/integrations/cassie/zendesk/events"), 200))["events"]!.AsArray();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, e => Assert.Equal("verified", (string)e!["status"]!));
        var databasePath = Factory.DatabasePath;
        await Factory.DisposeAsync();

        await using var restarted = new AgentHubFactory(Providers, TaskSettings(Model), databasePath);
        var owner = await restarted.SignInAsync(Owner.Email);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var events = (await ReadJsonAsync(await owner.Client.GetAsync("/api/integrations/cassie/zendesk/events"), 200))["events"]!.AsArray();
            if (events.All(e => (string)e!["status"]! == "processed"))
            {
                Assert.All(events, e => Assert.Equal(1, (int)e!["tasks_started"]!));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, events.ToJsonString());
            await Task.Delay(50);
        }

        var tasks = (await ReadJsonAsync(await owner.Client.GetAsync("/api/tasks?agent_id=cassie"), 200))["tasks"]!.AsArray();
        Assert.Equal(["Triage and draft a reply to ticket 500", "Triage and draft a reply to ticket 501", "Triage and draft a reply to ticket 502"],
            tasks.Select(t => (string)t!["description"]!).Order());
    }
}

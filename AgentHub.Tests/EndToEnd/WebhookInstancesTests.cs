using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Two app processes on one SQLite file: every delivery is sent to both at once; each event is stored once and
/// processed once (one task per event), whichever instance received or processed it.
/// </summary>
public sealed class WebhookInstancesTests : TwoInstancesTestBase
{
    [Fact]
    public async Task TwoProcessesOnOneDatabase_StoreAndProcessEachEventOnce()
    {
        var (owner, onSecond) = await SignInAsync("owner@hooks-two.test");
        using var ownerOnFirst = owner;
        using var ownerOnSecond = onSecond;
        Model.Responder = _ => ModelReply.Say("Triaged.");
        (await owner.PutAsJsonAsync("/api/webhook-rules", new
        {
            provider_id = "zendesk",
            event_type = "ticket.created",
            agent_id = "cassie",
            instruction = "Triage and draft a reply to ticket {id}",
            enabled = true,
        })).EnsureSuccessStatusCode();
        var zendesk = WebhookSender.For("zendesk");
        var address = (string)(await owner.GetFromJsonAsync<JsonObject>("/api/integrations/cassie/zendesk/webhook"))!["address"]!;
        (await owner.PutAsJsonAsync("/api/integrations/cassie/zendesk/webhook", new { secrets = zendesk.Secrets })).EnsureSuccessStatusCode();

        const int eventCount = 10;
        using var toFirst = new HttpClient { BaseAddress = new Uri(First.BaseUrl) };
        using var toSecond = new HttpClient { BaseAddress = new Uri(Second.BaseUrl) };
        var sends = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < eventCount; i++)
        {
            var body = Encoding.UTF8.GetBytes($$$"""{"type":"zen:event-type:ticket.created","id":"evt-{{{i}}}","detail":{"id":"{{{1000 + i}}}"}}""");
            var headers = zendesk.Sign(body, address, DateTimeOffset.UtcNow);
            foreach (var client in new[] { toFirst, toSecond, toFirst, toSecond })
            {
                sends.Add(client.SendAsync(zendesk.Request(address, body, DateTimeOffset.UtcNow, headers)));
            }
        }

        var responses = await Task.WhenAll(sends);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Equal(eventCount, receipts.Sum(r => (int)r!["received"]!));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonArray events;
        while (true)
        {
            events = (await onSecond.GetFromJsonAsync<JsonObject>("/api/integrations/cassie/zendesk/events"))!["events"]!.AsArray();
            if (events.All(e => (string)e!["status"]! == "processed"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, events.ToJsonString());
            await Task.Delay(100);
        }

        Assert.Equal(eventCount, events.Count);
        Assert.All(events, e => Assert.Equal(1, (int)e!["tasks_started"]!));
        var tasks = (await owner.GetFromJsonAsync<JsonObject>("/api/tasks?agent_id=cassie"))!["tasks"]!.AsArray();
        Assert.Equal(eventCount, tasks.Count);
        Assert.Equal(eventCount, tasks.Select(t => (string)t!["description"]!).Distinct().Count());
    }
}

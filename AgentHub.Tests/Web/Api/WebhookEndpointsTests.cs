using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Core.Data;
using AgentHub.Core.Webhooks;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Webhooks through the real app: every provider of the signature table delivers a verified event end to end, a
/// refused or oversized delivery leaves no trace, duplicates change nothing (20 at once included), the handshakes
/// answer as Meta, X and Mailchimp expect, and a rule turns an event into a task.
/// </summary>
public sealed class WebhookEndpointsTests : TaskTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Webhooks:PollInterval"] = "00:00:00.100" };

    private async Task<string> SetUpAsync(WebhookSender sender, HttpClient? client = null)
    {
        client ??= Client;
        var endpoint = await ReadJsonAsync(await client.GetAsync($"/api/integrations/{sender.Agent}/{sender.ProviderId}/webhook"), 200);
        if (sender.Secrets.Count > 0)
        {
            var saved = await ReadJsonAsync(await client.PutAsJsonAsync($"/api/integrations/{sender.Agent}/{sender.ProviderId}/webhook",
                new { secrets = sender.Secrets }), 200);
            Assert.True((bool)saved["ready"]!);
        }

        return (string)endpoint["address"]!;
    }

    private async Task<HttpResponseMessage> SendAsync(WebhookSender sender, string address, string? body = null, Dictionary<string, string>? headers = null)
    {
        using var request = sender.Request(address, Encoding.UTF8.GetBytes(body ?? sender.SampleBody), DateTimeOffset.UtcNow, headers);
        return await Factory.CreateClient().SendAsync(request);
    }

    private async Task<JsonArray> EventsAsync(WebhookSender sender) =>
        (await ReadJsonAsync(await Client.GetAsync($"/api/integrations/{sender.Agent}/{sender.ProviderId}/events"), 200))["events"]!.AsArray();

    private async Task<JsonNode> WaitForEventAsync(WebhookSender sender, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var events = await EventsAsync(sender);
            if (events.Count > 0 && (string)events[0]!["status"]! == status)
            {
                return events[0]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"waiting for {status}: {events.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private async Task<int> InboxCountAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.WebhookDeliveries.CountAsync();
    }

    public static TheoryData<string> Senders => new(WebhookSender.All.Select(s => s.ProviderId));

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task EveryProviderOfTheSignatureTable_DeliversAVerifiedEvent_EndToEnd(string providerId)
    {
        var sender = WebhookSender.For(providerId);
        var address = await SetUpAsync(sender);
        Assert.StartsWith($"http://localhost:5000/hooks/{providerId}/", address);

        using var response = await SendAsync(sender, address);

        var receipt = await ReadJsonAsync(response, 200);
        Assert.Equal(1, (int)receipt["received"]!);
        var processed = await WaitForEventAsync(sender, "processed");
        Assert.Equal(0, (int)processed["tasks_started"]!);
        Assert.Null(processed["payload"]);
        var log = Factory.AllLogText();
        Assert.DoesNotContain(sender.SampleBody, log);
        Assert.All(sender.Secrets.Values, secret => Assert.DoesNotContain(secret, log));
        var key = new Uri(address).AbsolutePath;
        Assert.Empty(Factory.Logs.GetSnapshot().Where(r => $"{r.Message} {r.Exception}".Contains(key, StringComparison.Ordinal)).Select(r => $"{r.Category} {r.Level}").Distinct());
    }

    [Fact]
    public async Task EventIdsTypesAndSubjects_AreReadAsTheCatalogSays()
    {
        var zendesk = WebhookSender.For("zendesk");
        await SendAsync(zendesk, await SetUpAsync(zendesk));
        var ticket = await WaitForEventAsync(zendesk, "processed");
        Assert.Equal("cbe4028c-7239-495d-b020-f22348516046", (string)ticket["event_id"]!);
        Assert.Equal("ticket.created", (string)ticket["event_type"]!);
        Assert.Equal("123", (string)ticket["subject_id"]!);

        var mailchimp = WebhookSender.For("mailchimp");
        await SendAsync(mailchimp, await SetUpAsync(mailchimp));
        var subscribe = await WaitForEventAsync(mailchimp, "processed");
        Assert.Equal("subscribe", (string)subscribe["event_type"]!);
        Assert.Equal("8a25ff1d98", (string)subscribe["subject_id"]!);
        Assert.StartsWith("sha256:", (string)subscribe["event_id"]!);
    }

    [Fact]
    public async Task ABatch_IsOneInboxRowPerEvent_AndARepeatedOrOverlappingBatchAddsOnlyNewEvents()
    {
        var hubspot = WebhookSender.For("hubspot");
        var address = await SetUpAsync(hubspot);
        var batch = """[{"eventId":1,"subscriptionType":"deal.creation","objectId":11},{"eventId":2,"subscriptionType":"contact.creation","objectId":22}]""";

        var first = await ReadJsonAsync(await SendAsync(hubspot, address, batch), 200);
        var again = await ReadJsonAsync(await SendAsync(hubspot, address, batch), 200);

        var overlapping = await ReadJsonAsync(await SendAsync(hubspot, address,
            """[{"eventId":2,"subscriptionType":"contact.creation","objectId":22},{"eventId":3,"subscriptionType":"deal.creation","objectId":33}]"""), 200);

        Assert.Equal(2, (int)first["received"]!);
        Assert.Equal(0, (int)again["received"]!);
        Assert.Equal(2, (int)again["duplicates"]!);
        Assert.Equal(1, (int)overlapping["received"]!);
        Assert.Equal(1, (int)overlapping["duplicates"]!);
        Assert.Equal(3, await InboxCountAsync());
    }

    [Fact]
    public async Task TwentyParallelPostsOfOneDelivery_AreStoredAndProcessedOnce()
    {
        await ConnectProviderAsync("cassie", "zendesk");
        await EnableRuleAsync("zendesk", "ticket.created", "cassie", "Triage and draft a reply to ticket {id}");
        Model.Responder = _ => ModelReply.Say("Triaged.");
        var zendesk = WebhookSender.For("zendesk");
        var address = await SetUpAsync(zendesk);
        var body = Encoding.UTF8.GetBytes(zendesk.SampleBody);
        var headers = zendesk.Sign(body, address, DateTimeOffset.UtcNow);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync(zendesk, address, headers: headers)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Equal(1, receipts.Sum(r => (int)r!["received"]!));
        Assert.Equal(19, receipts.Sum(r => (int)r!["duplicates"]!));
        var processed = await WaitForEventAsync(zendesk, "processed");
        Assert.Equal(1, (int)processed["tasks_started"]!);
        Assert.Equal(1, await InboxCountAsync());
        var tasks = (await ReadJsonAsync(await Client.GetAsync("/api/tasks?agent_id=cassie"), 200))["tasks"]!.AsArray();
        var task = Assert.Single(tasks);
        Assert.Equal("Triage and draft a reply to ticket 123", (string)task!["description"]!);
        var endpoint = await ReadJsonAsync(await Client.GetAsync("/api/integrations/cassie/zendesk/webhook"), 200);
        Assert.Equal(19, (int)endpoint["duplicate_count"]!);
    }

    [Fact]
    public async Task ABadSignature_Answers401WithNoDetail_IsCounted_AndLeavesNoTrace()
    {
        var intercom = WebhookSender.For("intercom");
        var address = await SetUpAsync(intercom);

        using var forged = await SendAsync(intercom, address, headers: new() { ["X-Hub-Signature"] = "sha1=" + new string('0', 40) });
        using var unsigned = await SendAsync(intercom, address, headers: []);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        // The same bare 401 ProblemDetails for every reason: no detail says what was wrong.
        var problem = await forged.Content.ReadAsStringAsync();
        string WithoutTrace(string json) { var node = JsonNode.Parse(json)!.AsObject(); node.Remove("trace_id"); return node.ToJsonString(); }
        Assert.Equal(WithoutTrace(problem), WithoutTrace(await unsigned.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("detail", problem);
        Assert.DoesNotContain("signature", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await InboxCountAsync());
        var endpoint = await ReadJsonAsync(await Client.GetAsync("/api/integrations/cassie/intercom/webhook"), 200);
        Assert.Equal(2, (int)endpoint["rejected_count"]!);
    }

    [Fact]
    public async Task ABodyOverOneMegabyte_Answers413_AndLeavesNoTrace()
    {
        var amplitude = WebhookSender.For("amplitude");
        var address = await SetUpAsync(amplitude);
        var big = "{\"event_type\":\"Big\",\"padding\":\"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await SendAsync(amplitude, address, big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task AnUnknownKey_Answers404_AndARotatedKeyRetiresTheOldAddress()
    {
        var copyAi = WebhookSender.For("copy_ai");
        var address = await SetUpAsync(copyAi);
        var rotated = (string)(await ReadJsonAsync(await Client.PostAsync("/api/integrations/penn/copy_ai/webhook/rotate", null), 200))["address"]!;

        Assert.NotEqual(address, rotated);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(copyAi, address)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(copyAi, "http://localhost:5000/hooks/copy_ai/" + new string('a', 43))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(copyAi, rotated)).StatusCode);
    }

    [Fact]
    public async Task TenFirstViewsAtOnce_CreateOneEndpoint_WithOneAddress()
    {
        var views = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.GetAsync("/api/integrations/cassie/freshdesk/webhook")));

        var addresses = await Task.WhenAll(views.Select(async v => (string)(await ReadJsonAsync(v, 200))["address"]!));
        Assert.Single(addresses.Distinct());
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.WebhookEndpoints.CountAsync());
    }

    [Fact]
    public async Task MetaHandshake_EchoesTheChallenge_OnlyWithTheVerifyToken()
    {
        var instagram = WebhookSender.For("instagram");
        var path = new Uri(await SetUpAsync(instagram)).AbsolutePath;
        var anonymous = Factory.CreateClient();

        using var ok = await anonymous.GetAsync($"{path}?hub.mode=subscribe&hub.verify_token=ig-verify-token&hub.challenge=1158201444");
        using var wrong = await anonymous.GetAsync($"{path}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task XCrc_AnswersTheResponseTokenUnderTheConsumerSecret()
    {
        var twitter = WebhookSender.For("twitter");
        var path = new Uri(await SetUpAsync(twitter)).AbsolutePath;

        using var response = await Factory.CreateClient().GetAsync($"{path}?crc_token=challenge-123");

        var answer = await ReadJsonAsync(response, 200);
        var expected = "sha256=" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("x-consumer-secret-1"), Encoding.UTF8.GetBytes("challenge-123")));
        Assert.Equal(expected, (string)answer["response_token"]!);
    }

    [Fact]
    public async Task MailchimpValidationGet_Answers200_AndOnlyForAKnownKey()
    {
        var mailchimp = WebhookSender.For("mailchimp");
        var path = new Uri(await SetUpAsync(mailchimp)).AbsolutePath;
        var anonymous = Factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/hooks/mailchimp/" + new string('b', 43))).StatusCode);
    }

    [Fact]
    public async Task AGetToAProviderWithoutAHandshake_Answers405_AndIsNotCountedAsARefusal()
    {
        var zendesk = WebhookSender.For("zendesk");
        var path = new Uri(await SetUpAsync(zendesk)).AbsolutePath;

        using var response = await Factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var endpoint = await ReadJsonAsync(await Client.GetAsync("/api/integrations/cassie/zendesk/webhook"), 200);
        Assert.Equal(0, (int)endpoint["rejected_count"]!);
    }

    [Fact]
    public async Task SecretsAreNeverShownBack_AndMembersSeeNoAddress()
    {
        var zendesk = WebhookSender.For("zendesk");
        await SetUpAsync(zendesk);
        var member = await InviteAsync(Unique("member@acme.test"), "member");

        var ownerView = await Client.GetStringAsync("/api/integrations/cassie/zendesk/webhook");
        var memberView = await ReadJsonAsync(await member.Client.GetAsync("/api/integrations/cassie/zendesk/webhook"), 200);
        using var denied = await member.Client.PutAsJsonAsync("/api/integrations/cassie/zendesk/webhook", new { secrets = zendesk.Secrets });

        Assert.DoesNotContain("zd-signing-secret-1", ownerView);
        Assert.Contains("\"is_set\":true", ownerView);
        Assert.Null(memberView["address"]);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task BadSecrets_AreFieldLevelValidationProblems()
    {
        using var missing = await Client.PutAsJsonAsync("/api/integrations/cassie/zendesk/webhook", new { secrets = new { } });
        using var badKey = await Client.PutAsJsonAsync("/api/integrations/emmie/sendgrid/webhook", new { secrets = new { public_key = "not a key" } });
        using var half = await Client.PutAsJsonAsync("/api/integrations/buddy/pipedrive/webhook", new { secrets = new { basic_username = "u" } });

        Assert.NotNull((await ReadJsonAsync(missing, 400))["errors"]!["signing_secret"]);
        Assert.NotNull((await ReadJsonAsync(badKey, 400))["errors"]!["public_key"]);
        Assert.NotNull((await ReadJsonAsync(half, 400))["errors"]!["basic_password"]);
        Assert.Equal(404, (int)(await ReadJsonAsync(await Client.GetAsync("/api/integrations/seomi/semrush/webhook"), 404))["status"]!);
    }

    [Fact]
    public async Task SuggestedRules_AreListedOff_AndAnEventWithoutAnEnabledRuleStartsNothing()
    {
        var rules = (await ReadJsonAsync(await Client.GetAsync("/api/webhook-rules"), 200))["rules"]!.AsArray();
        Assert.Contains(rules, r => (string)r!["provider_id"]! == "zendesk" && (string)r["event_type"]! == "ticket.created" &&
            (string)r["agent_id"]! == "cassie" && !(bool)r["enabled"]! && (bool)r["suggested"]!);
        Assert.Contains(rules, r => (string)r!["provider_id"]! == "hubspot" && (string)r["event_type"]! == "deal.creation" &&
            (string)r["agent_id"]! == "buddy" && !(bool)r["enabled"]!);

        var hubspot = WebhookSender.For("hubspot");
        await SendAsync(hubspot, await SetUpAsync(hubspot));

        Assert.Equal(0, (int)(await WaitForEventAsync(hubspot, "processed"))["tasks_started"]!);
        Assert.Empty((await ReadJsonAsync(await Client.GetAsync("/api/tasks"), 200))["tasks"]!.AsArray());
    }

    [Fact]
    public async Task AnEnabledRule_StartsATask_ThatStillWaitsForApprovalBeforeAnyWrite()
    {
        await ConnectProviderAsync("buddy", "hubspot");
        await EnableRuleAsync("hubspot", "deal.creation", "buddy", "Research the company of deal {id}");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("hubspot_create_contact", new { email = "ceo@acme.example", first_name = "Ann", last_name = "Lee" })
            : ModelReply.Say("Done.");
        var hubspot = WebhookSender.For("hubspot");

        await SendAsync(hubspot, await SetUpAsync(hubspot));

        var processed = await WaitForEventAsync(hubspot, "processed");
        Assert.Equal(1, (int)processed["tasks_started"]!);
        var task = Assert.Single((await ReadJsonAsync(await Client.GetAsync("/api/tasks?agent_id=buddy"), 200))["tasks"]!.AsArray());
        Assert.Equal("Research the company of deal 987654321", (string)task!["description"]!);
        await WaitForAsync(Guid.Parse((string)task["id"]!), "awaiting_approval");
        Assert.DoesNotContain(Providers.RequestsFor("hubspot"), r => r.Method == "POST");
    }
}

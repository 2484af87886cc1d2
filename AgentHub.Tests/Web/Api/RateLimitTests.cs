using System.Net;
using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class RateLimitTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["RateLimits:ConnectionTests:PermitLimit"] = "2",
        ["RateLimits:ConnectionTests:Window"] = "00:01:00",
        ["RateLimits:Webhooks:PermitLimit"] = "3",
    });

    [Fact]
    public async Task ConnectionTests_AreLimitedPerUser_With429AndRetryAfter()
    {
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid), 200);
        await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);
        await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);

        using var limited = await ConnectAsync("buddy", "hubspot");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await ReadProblemAsync(limited, 429);
        Assert.Equal(2, Providers.RequestsFor("hubspot").Count);

        // Another user has their own budget.
        var other = await Factory.CreateUserAsync("other@else.test");
        await ReadJsonAsync(
            await other.Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/configure", new { credentials = FakeProviders.Get("hubspot").Valid }),
            200);
        await ReadJsonAsync(await other.Client.PostAsync("/api/integrations/buddy/hubspot/connect", null), 200);
    }

    [Fact]
    public async Task WebhookDeliveries_AreLimitedPerAddress_NotPerCaller()
    {
        var first = (string)(await ReadJsonAsync(await Client.GetAsync("/api/integrations/dexter/amplitude/webhook"), 200))["address"]!;
        var second = (string)(await ReadJsonAsync(await Client.GetAsync("/api/integrations/penn/copy_ai/webhook"), 200))["address"]!;
        async Task<HttpStatusCode> PostAsync(string address, int i) =>
            (await Factory.CreateClient().PostAsync(new Uri(address).AbsolutePath, JsonContent.Create(new { event_type = "Purchase", n = i }))).StatusCode;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await PostAsync(first, i));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(first, 3));
        // Another connection's address has its own budget.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(second, 0));
    }
}

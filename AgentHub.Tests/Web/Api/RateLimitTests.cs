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
}

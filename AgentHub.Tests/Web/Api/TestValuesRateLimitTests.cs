using System.Net;
using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>Testing submitted values reaches the provider like a connection test, so it shares the connection tests' limit.</summary>
public sealed class TestValuesRateLimitTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["RateLimits:ConnectionTests:PermitLimit"] = "2",
        ["RateLimits:ConnectionTests:Window"] = "00:01:00",
    });

    [Fact]
    public async Task TestValues_IsLimitedPerUser_With429_LikeConnect()
    {
        var hubspot = FakeProviders.Get("hubspot");
        Task<HttpResponseMessage> TestValuesAsync() =>
            Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/test-values", new { credentials = hubspot.Valid });
        await ReadJsonAsync(await TestValuesAsync(), 200);
        await ReadJsonAsync(await TestValuesAsync(), 200);

        using var limited = await TestValuesAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await ReadProblemAsync(limited, 429);
        Assert.Equal(2, Providers.RequestsFor("hubspot").Count);
    }
}

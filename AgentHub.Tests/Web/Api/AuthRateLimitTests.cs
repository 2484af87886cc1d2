using System.Net;
using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class AuthRateLimitTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["RateLimits:Auth:PermitLimit"] = "3",
        ["RateLimits:Auth:Window"] = "00:01:00",
    });

    [Fact]
    public async Task SignInAttempts_AreLimitedPerClient_With429AndRetryAfter()
    {
        // The owner's registration and sign-in in InitializeAsync used two of the three permits.
        using var anonymous = Factory.CreateClient();
        using (var third = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@acme.test", password = "wrong-password-1" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        }

        using var limited = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ReadProblemAsync(limited, 429);

        using var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "new@acme.test", password = AgentHubFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
    }
}

using System.Net;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Finding 3: the sign-in limit counts every spelling of the sign-in and registration form posts.</summary>
public sealed class SignInFormRateLimitTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["RateLimits:Auth:PermitLimit"] = "3",
        ["RateLimits:Auth:Window"] = "00:01:00",
    });

    // The owner signs in directly, so the whole budget is left for the test.
    protected override async Task<TestUser> CreateOwnerAsync() => new("owner@acme.test", Factory.CreateClient(), Guid.Empty, "", "");

    [Theory]
    [InlineData("/Account/Login/")]
    [InlineData("/account/login")]
    [InlineData("/ACCOUNT/LOGIN/")]
    [InlineData("/Account/%4Cogin")]
    [InlineData("/Account/Register/")]
    [InlineData("/account/REGISTER")]
    public async Task EverySpellingOfTheFormPost_IsCounted(string path)
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The spelling reaches the page (so it is a way in), and showing it costs nothing.
        for (var i = 0; i < 5; i++)
        {
            using var shown = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var tried = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "victim@acme.test",
                ["Input.Password"] = "guess-number-" + i,
            }));
            statuses.Add(tried.StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[3..]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..3]);
    }
}

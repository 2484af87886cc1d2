using System.Net;
using System.Net.Http.Json;
using AgentHub.Core.Accounts;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Findings 6, 10 and 13 (tokens after a password change, uniform sign-in failures).</summary>
public sealed class SessionHardeningTests : ApiTestBase
{
    protected override bool SharesHost => true;

    [Fact]
    public async Task ABearerHeaderThatDoesNotAuthenticate_DoesNotExcuseACookieRequestFromTheAntiforgeryCheck()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = Owner.Email, password = AgentHubFactory.Password }))
        {
            Assert.True(login.IsSuccessStatusCode);
        }

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/configure")
        {
            Content = JsonContent.Create(new { credentials = FakeProviders.Get("hubspot").Valid }),
        };
        forged.Headers.Authorization = new("Bearer", "junk");
        var refused = await ReadProblemAsync(await browser.SendAsync(forged), 403);

        Assert.Contains("antiforgery", (string)refused["detail"]!);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);

        // A real bearer token is a script, not a browser: no antiforgery token needed.
        using var script = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/configure")
        {
            Content = JsonContent.Create(new { credentials = FakeProviders.Get("hubspot").Valid }),
        };
        script.Headers.Authorization = new("Bearer", Owner.AccessToken);
        await ReadJsonAsync(await browser.SendAsync(script), 200);
    }

    /// <summary>ReturnUrl values as they stand in the address (raw, then fully escaped).</summary>
    public static TheoryData<string> ForeignReturnUrls =>
    [
        "https://evil.test",
        "https%3A%2F%2Fevil.test",
        "//evil.test",
        "%2F%2Fevil.test",
        "/\\evil.test",
        "%2F%5Cevil.test",
        "/%09/evil.test",
        "/%0a/evil.test",
        "javascript:alert(1)",
        "%5C%5Cevil.test",
        "http:evil.test",
        "%20//evil.test",
    ];

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task SignInWithAForeignReturnUrl_GoesHome_WithoutAnError(string returnUrl)
    {
        using var signedIn = await SignInThroughTheFormAsync("/Account/Login?ReturnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var location = new Uri(Factory.Server.BaseAddress, signedIn.Headers.Location!);
        Assert.Equal(Factory.Server.BaseAddress.Authority, location.Authority);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task SignInWithALocalReturnUrl_GoesThere()
    {
        using var signedIn = await SignInThroughTheFormAsync("/Account/Login?ReturnUrl=%2Fintegrations");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/integrations", new Uri(Factory.Server.BaseAddress, signedIn.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ATokenIssuedBeforeAPasswordChange_StopsWorking()
    {
        await ReadJsonAsync(await Client.GetAsync("/api/workspace"), 200);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentHubUser>>();
            var user = await users.FindByEmailAsync(Owner.Email);
            var changed = await users.ChangePasswordAsync(user!, AgentHubFactory.Password, "a-new-password-43");
            Assert.True(changed.Succeeded);
        }

        await ReadProblemAsync(await Client.GetAsync("/api/workspace"), 401);
        await ReadProblemAsync(await Client.PostAsync("/api/integrations/buddy/hubspot/connect", null), 401);
        // The refresh token dies with it, and the new password gives a working token.
        using var anonymous = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = Owner.RefreshToken })).StatusCode);
        var fresh = await Factory.SignInAsync(Owner.Email, "a-new-password-43");
        await ReadJsonAsync(await fresh.Client.GetAsync("/api/workspace"), 200);
    }

    [Fact]
    public async Task ALockedOutAccount_AndAnUnknownEmail_GetTheSameAnswer()
    {
        using var anonymous = Factory.CreateClient();
        await LockOutAsync(anonymous, Owner.Email);

        var locked = await ReadProblemAsync(
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password }),
            401);
        var unknown = await ReadProblemAsync(
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@acme.test", password = AgentHubFactory.Password }),
            401);

        locked.AsObject().Remove("trace_id");
        unknown.AsObject().Remove("trace_id");
        Assert.Equal(unknown.ToJsonString(), locked.ToJsonString());
        Assert.Equal("Failed", (string)locked["detail"]!);
    }

    /// <summary>Signs the owner in through the static sign-in page at <paramref name="address"/>, as a browser would.</summary>
    private async Task<HttpResponseMessage> SignInThroughTheFormAsync(string address)
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = ClosedRegistrationSpellingTests.AntiforgeryToken().Match(await browser.GetStringAsync(address));
        Assert.True(token.Success);
        return await browser.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["Input.Email"] = Owner.Email,
            ["Input.Password"] = AgentHubFactory.Password,
        }));
    }
}

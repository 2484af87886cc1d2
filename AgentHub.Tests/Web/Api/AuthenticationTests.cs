using System.Net;
using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentHub.Tests.Web.Api;

public sealed class AuthenticationTests : ApiTestBase
{
    protected override bool SharesHost => true;

    [Theory]
    [InlineData("GET", "/api/integrations/")]
    [InlineData("GET", "/api/integrations/cassie/zendesk")]
    [InlineData("POST", "/api/integrations/cassie/zendesk/configure")]
    [InlineData("POST", "/api/integrations/cassie/zendesk/connect")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/workspace")]
    [InlineData("GET", "/api/workspaces/00000000-0000-0000-0000-000000000001/integrations/")]
    public async Task AnonymousApiCalls_Get401ProblemDetails_NotARedirect(string method, string path)
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await WorkspaceIsolationTests.Send(anonymous, method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        await ReadProblemAsync(response, 401);
    }

    [Fact]
    public async Task AnonymousPages_RedirectToSignIn()
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync("/");

        Assert.Contains("Account/Login", response.Headers.Location?.ToString() ?? await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BearerLogin_ThenRefresh_GiveWorkingTokens()
    {
        using var anonymous = Factory.CreateClient();
        var login = await ReadJsonAsync(
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password }),
            200);
        Assert.Equal("Bearer", (string)login["tokenType"]!);
        Assert.True((int)login["expiresIn"]! > 0);

        var refreshed = await ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = (string)login["refreshToken"]! }), 200);
        var token = (string)refreshed["accessToken"]!;
        Assert.NotEqual((string)login["accessToken"]!, token);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/integrations/soshie");
        request.Headers.Authorization = new("Bearer", token);
        var json = await ReadJsonAsync(await anonymous.SendAsync(request), 200);
        Assert.Equal("soshie", (string)json["agent_id"]!);

        await ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" }), 401);
    }

    [Fact]
    public async Task ACookieCaller_MustSendTheAntiforgeryToken_SoACrossSitePostIsRefused()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = Owner.Email, password = AgentHubFactory.Password }))
        {
            Assert.True(login.IsSuccessStatusCode);
        }

        await ReadJsonAsync(await browser.GetAsync("/api/integrations/cassie"), 200);

        // What a forged cross-site form or fetch can do: send the cookie, but not the token.
        var body = new { credentials = FakeProviders.Get("hubspot").Valid };
        var refused = await ReadProblemAsync(await browser.PostAsJsonAsync("/api/integrations/buddy/hubspot/configure", body), 403);
        Assert.Contains("antiforgery", (string)refused["detail"]!);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);

        var token = await ReadJsonAsync(await browser.GetAsync("/api/auth/antiforgery"), 200);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/configure") { Content = JsonContent.Create(body) };
        request.Headers.Add((string)token["header_name"]!, (string)token["request_token"]!);
        await ReadJsonAsync(await browser.SendAsync(request), 200);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount()
    {
        using var anonymous = Factory.CreateClient();
        await LockOutAsync(anonymous, Owner.Email);

        using var right = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password });
        // Locked: even the right password is refused, with the same answer as any failure (no account enumeration).
        var problem = await ReadJsonAsync(right, 401);
        Assert.Equal("Failed", (string)problem["detail"]!);
    }

    [Fact]
    public async Task WeakPasswords_AreRefused()
    {
        using var anonymous = Factory.CreateClient();
        var problem = await ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "weak@acme.test", password = "short1" }), 400);
        Assert.Contains("PasswordTooShort", problem["errors"]!.AsObject().Select(e => e.Key));
    }
}

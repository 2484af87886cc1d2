using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using AgentHub.Core.Accounts;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Finding 1: with registration closed, no spelling of any route creates an uninvited account.</summary>
public sealed partial class ClosedRegistrationSpellingTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["Auth:AllowRegistration"] = "false",
        ["Auth:BootstrapAdmin:Email"] = "owner@acme.test",
        ["Auth:BootstrapAdmin:Password"] = AgentHubFactory.Password,
    });

    protected override Task<TestUser> CreateOwnerAsync() => Factory.SignInAsync("owner@acme.test");

    public static TheoryData<string> Spellings =>
    [
        "/api/auth/register",
        "/api/auth/register/",
        "/api/auth/REGISTER",
        "/api/auth/REGISTER/",
        "/api/auth/Register/",
        "/api//auth/register",
        "/api/auth//register",
        "//api/auth/register",
        "/api/auth/%72egister",
        "/api/auth/regist%65r/",
        "/api/%61uth/register",
        "/API/AUTH/REGISTER",
    ];

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task NoSpellingOfTheRegisterRoute_CreatesAnAccount(string path)
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await CountAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = JsonContent.Create(new { email = "sneaky@evil.test", password = AgentHubFactory.Password }) };
        // Set the raw path after construction, so the client sends exactly these bytes (no normalisation).
        request.RequestUri = new Uri(Factory.Server.BaseAddress, new Uri(path, UriKind.Relative));
        using var response = await anonymous.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(before, await CountAsync());
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
        {
            var problem = await ReadProblemAsync(response, 403);
            Assert.Equal("Registration is closed", (string)problem["title"]!);
        }
    }

    [Fact]
    public async Task TheUserManagerItself_RefusesAnAccountWithoutAWorkspace_ButTheBootstrapOwnerAndInvitationsWork()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentHubUser>>();

        var refused = await users.CreateAsync(new AgentHubUser { UserName = "direct@evil.test", Email = "direct@evil.test" }, AgentHubFactory.Password);

        Assert.False(refused.Succeeded);
        Assert.Equal(AgentHubUserManager.RegistrationClosedCode, Assert.Single(refused.Errors).Code);
        Assert.Null(await users.FindByEmailAsync("direct@evil.test"));
        Assert.Equal("owner", (string)(await GetJsonAsync("/api/workspace"))["your_role"]!);
        var invited = await InviteAsync("invited@acme.test", "member");
        Assert.Equal(Owner.WorkspaceId, invited.WorkspaceId);
    }

    [Fact]
    public async Task TheRegisterPage_CannotCreateAnAccount_EvenWhenPostedDirectly()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/Account/Register");
        var token = AntiforgeryToken().Match(page);
        var before = await CountAsync();

        using var post = await browser.PostAsync("/Account/Register/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token.Success ? token.Groups[1].Value : "",
            ["Input.Email"] = "page@evil.test",
            ["Input.Password"] = AgentHubFactory.Password,
            ["Input.ConfirmPassword"] = AgentHubFactory.Password,
        }));

        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync() + await db.Workspaces.CountAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}

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
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var address = "/Account/Login?ReturnUrl=" + returnUrl;
        var page = await browser.GetStringAsync(address);
        var token = ClosedRegistrationSpellingTests.AntiforgeryToken().Match(page);
        Assert.True(token.Success);

        using var signedIn = await browser.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["Input.Email"] = Owner.Email,
            ["Input.Password"] = AgentHubFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var location = new Uri(Factory.Server.BaseAddress, signedIn.Headers.Location!);
        Assert.Equal(Factory.Server.BaseAddress.Authority, location.Authority);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task SignInWithALocalReturnUrl_GoesThere()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        const string address = "/Account/Login?ReturnUrl=%2Fintegrations";
        var token = ClosedRegistrationSpellingTests.AntiforgeryToken().Match(await browser.GetStringAsync(address));

        using var signedIn = await browser.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["Input.Email"] = Owner.Email,
            ["Input.Password"] = AgentHubFactory.Password,
        }));

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
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await ReadProblemAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password }), 401);
        var unknown = await ReadProblemAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@acme.test", password = AgentHubFactory.Password }), 401);

        locked.AsObject().Remove("trace_id");
        unknown.AsObject().Remove("trace_id");
        Assert.Equal(unknown.ToJsonString(), locked.ToJsonString());
        Assert.Equal("Failed", (string)locked["detail"]!);
    }
}

/// <summary>Finding 4: two owners demoting each other at the same moment leave one owner, never zero.</summary>
public sealed class LastOwnerRaceTests : ApiTestBase
{
    [Fact]
    public async Task TwoOwnersDemotingEachOther_AtTheSameMoment_LeaveExactlyOneOwner()
    {
        var second = await InviteAsync("second@acme.test", "owner");
        var firstId = await MemberIdAsync(Owner.Email);
        var secondId = await MemberIdAsync(second.Email);

        for (var round = 0; round < 10; round++)
        {
            using var start = new SemaphoreSlim(0, 2);
            async Task<HttpStatusCode> Demote(HttpClient client, string userId)
            {
                await start.WaitAsync();
                using var response = await client.PutAsJsonAsync($"/api/workspace/members/{userId}/role", new { role = "member" });
                return response.StatusCode;
            }

            var first = Demote(Owner.Client, secondId);
            var other = Demote(second.Client, firstId);
            start.Release(2);
            var statuses = await Task.WhenAll(first, other);

            // The loser is refused either way: 409 (the last-owner rule) or 403 (it was already demoted when it asked).
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.NoContent));
            Assert.Equal(1, statuses.Count(s => s is HttpStatusCode.Conflict or HttpStatusCode.Forbidden));
            await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
            {
                Assert.Equal(1, await db.Users.CountAsync(u => u.WorkspaceId == Owner.WorkspaceId && u.Role == AgentHub.Core.Workspaces.WorkspaceRole.Owner));
            }

            // Whoever is still the owner promotes the other back for the next round.
            var winner = statuses[0] == HttpStatusCode.NoContent ? Owner.Client : second.Client;
            var loserId = statuses[0] == HttpStatusCode.NoContent ? secondId : firstId;
            using var restored = await winner.PutAsJsonAsync($"/api/workspace/members/{loserId}/role", new { role = "owner" });
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }
    }

    [Fact]
    public async Task AnOwnerDemotedAMomentAgo_CannotChangeRoles()
    {
        var second = await InviteAsync("second@acme.test", "owner");
        var member = await InviteAsync("member@acme.test", "member");
        var secondId = await MemberIdAsync(second.Email);
        var memberId = await MemberIdAsync(member.Email);

        using (var demoted = await Client.PutAsJsonAsync($"/api/workspace/members/{secondId}/role", new { role = "member" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        }

        await ReadProblemAsync(await second.Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "owner" }), 403);
        Assert.Equal("member", (string)(await GetJsonAsync("/api/workspace"))["members"]!.AsArray().Single(m => (string)m!["user_id"]! == memberId)!["role"]!);
    }
}

/// <summary>Finding 9 and 13: links from App:PublicBaseUrl; disconnect honours If-Match; duplicate JSON keys are refused.</summary>
public sealed class RequestHardeningTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["App:PublicBaseUrl"] = "https://hub.acme.test/",
    });

    [Fact]
    public async Task AnInvitationLink_IsBuiltFromThePublicBaseUrl_NotTheHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workspace/invitations") { Content = JsonContent.Create(new { email = "new@acme.test", role = "member" }) };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var created = await ReadJsonAsync(await Client.SendAsync(request), 201);

        Assert.StartsWith("https://hub.acme.test/Account/Register?invitation=", (string)created["link"]!);
        Assert.DoesNotContain("evil", (string)created["link"]!);
    }

    [Fact]
    public async Task Disconnect_HonoursIfMatch()
    {
        var configured = await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid);
        var etag = configured.Headers.ETag!.Tag;
        await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);

        using var stale = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/disconnect");
        stale.Headers.IfMatch.Add(new(etag));
        await ReadProblemAsync(await Client.SendAsync(stale), 409);
        Assert.Equal("connected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);

        using var current = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/disconnect");
        current.Headers.IfMatch.Add((await Client.GetAsync("/api/integrations/buddy/hubspot")).Headers.ETag!);
        var disconnected = await ReadJsonAsync(await Client.SendAsync(current), 200);
        Assert.Equal("disconnected", (string)disconnected["status"]!);
    }

    [Theory]
    [InlineData("/api/integrations/soshie/instagram/configure", """{"credentials": {"access_token": "x", "access_token": "y", "instagram_account_id": "17841400000000000"}}""")]
    [InlineData("/api/integrations/soshie/instagram/configure", """{"credentials": {"access_token": "x", "instagram_account_id": "1"}, "credentials": {"access_token": "y", "instagram_account_id": "2"}}""")]
    [InlineData("/api/workspace/invitations", """{"email": "a@acme.test", "role": "member", "role": "owner"}""")]
    public async Task ABodyThatRepeatsAKey_IsRefused(string path, string body)
    {
        var problem = await ReadProblemAsync(await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), 400);

        Assert.Equal("Malformed request body", (string)problem["title"]!);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/soshie/instagram"))["status"]!);
        Assert.Empty((await GetJsonAsync("/api/workspace"))["invitations"]!.AsArray());
    }
}

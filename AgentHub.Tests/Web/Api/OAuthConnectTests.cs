using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Integrations.Catalog;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// "Connect with X" end to end over HTTP, against the loopback authorization server (<see cref="FakeAuthorizationServer"/>):
/// every provider of the OAuth table, the state's single use, expiry and binding, the provider's refusal, and PKCE.
/// </summary>
public sealed class OAuthConnectTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => WithOAuthApps(providers);

    private HttpClient? _browser;

    private async Task<HttpClient> OwnerBrowserAsync() => _browser ??= await CookieBrowserAsync();

    public static TheoryData<string> OAuthProviders => new(FakeAuthorizationServer.Providers);

    [Theory]
    [MemberData(nameof(OAuthProviders))]
    public async Task EveryProviderOfTheOAuthTable_ConnectsWithOAuth_AndTheCheckUsesTheNewToken(string provider)
    {
        var agent = CatalogLoader.LoadEmbedded().AgentsUsing(provider)[0].Id;
        var spec = CatalogLoader.LoadEmbedded().FindCheck(provider)!.OAuth!;

        var authorizationUrl = await OAuthTestFlow.AuthorizeAsync(Client, agent, provider);
        var query = QueryHelpers.ParseQuery(authorizationUrl.Query);
        Assert.Equal(FakeAuthorizationServer.ClientId, query[spec.ClientIdParam].ToString());
        Assert.Equal("http://localhost:5000/oauth/callback", query["redirect_uri"].ToString());
        Assert.Equal(43, query["state"].ToString().Length); // 256 bits, base64url
        Assert.Equal(spec.Pkce != AgentHub.Core.Catalog.PkceMode.None, query.ContainsKey("code_challenge"));
        if (spec.Pkce != AgentHub.Core.Catalog.PkceMode.None)
        {
            Assert.Equal("S256", query["code_challenge_method"].ToString());
        }

        var landing = await OAuthTestFlow.CallbackAsync(await OwnerBrowserAsync(), await OAuthTestFlow.DecideAsync(authorizationUrl));
        Assert.Equal($"/agents/{agent}/integrations/{provider}?oauth=connected", landing);

        var view = await GetJsonAsync($"/api/integrations/{agent}/{provider}");
        Assert.Equal("connected", (string)view["status"]!);
        Assert.Equal("oauth2", (string)view["auth_method"]!);
        Assert.True((bool)view["oauth_available"]!);
        Assert.Equal(FakeAuthorizationServer.Expires(provider), view["expires_at"] is not null);
        if (spec.LongLived is not null)
        {
            // Meta: the short-lived token was traded for a long-lived one at once, and that is what is stored.
            Assert.Contains(Providers.OAuth.TokenRequests, r => r is { GrantType: "fb_exchange_token", Succeeded: true } && r.Provider == provider);
            var expires = DateTime.Parse((string)view["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
            Assert.InRange(expires, DateTime.UtcNow.AddDays(59), DateTime.UtcNow.AddDays(61));
        }

        // The check went out with the access token the provider issued, the way the provider takes it.
        var issued = Providers.OAuth.LastAccessTokenOf(provider)!;
        var check = Providers.RequestsFor(provider).Last(r => r.Path == FakeProviders.Get(provider).Path);
        Assert.Equal($"Bearer {issued}", check.Header("Authorization"));

        // Nothing secret in the view, the call log or the audit trail.
        var everything = view.ToJsonString() + (await GetJsonAsync($"/api/integrations/{agent}/{provider}/calls")).ToJsonString() +
                         (await GetJsonAsync($"/api/integrations/{agent}/{provider}/audit")).ToJsonString();
        Assert.DoesNotContain(issued, everything);
        Assert.DoesNotContain("rt-", everything);
        Assert.DoesNotContain("code-", everything);
        Assert.Contains("authorized via OAuth", everything);
        var logs = Factory.AllLogText();
        Assert.DoesNotContain(issued, logs);
        Assert.DoesNotContain(query["state"].ToString(), logs);
        Assert.DoesNotContain("rt-" + provider, logs);
    }

    [Fact]
    public async Task AReplayedCallback_EndsOnTheIntegrationPage_AndMakesNoSecondTokenRequest()
    {
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        var browser = await OwnerBrowserAsync();
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.CallbackAsync(browser, callback));
        Assert.Equal("/agents/buddy/integrations/hubspot?oauth=replayed_state", await OAuthTestFlow.CallbackAsync(browser, callback));
        Assert.Single(Providers.OAuth.TokenRequests, r => r.Provider == "hubspot");
    }

    [Fact]
    public async Task AnUnknownState_EndsOnTheOverview_AndMakesNoTokenRequest()
    {
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        callback["state"] = (callback["state"][0] == 'x' ? "y" : "x") + callback["state"][1..]; // one character changed
        Assert.Equal("/integrations?oauth=unknown_state", await OAuthTestFlow.CallbackAsync(await OwnerBrowserAsync(), callback));
        Assert.Empty(Providers.OAuth.TokenRequests);
    }

    [Fact]
    public async Task AnExpiredState_IsRefused_WithoutATokenRequest()
    {
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        await using (var db = new SqliteConnection($"Data Source={Factory.DatabasePath}"))
        {
            await db.OpenAsync();
            await using var expire = db.CreateCommand();
            // Eleven minutes later: past the 10-minute lifetime.
            expire.CommandText = "UPDATE OAuthFlows SET ExpiresAt = datetime('now', '-1 minute') WHERE WorkspaceId = $ws";
            expire.Parameters.AddWithValue("$ws", Owner.WorkspaceId.ToString().ToUpperInvariant());
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        Assert.Equal("/agents/buddy/integrations/hubspot?oauth=expired_state", await OAuthTestFlow.CallbackAsync(await OwnerBrowserAsync(), callback));
        Assert.Empty(Providers.OAuth.TokenRequests);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);
    }

    [Fact]
    public async Task AForeignState_IsRefused_AndStaysUsableByTheUserWhoStartedIt()
    {
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        var stranger = await Factory.CreateUserAsync(Unique("stranger@evil.test"));
        using (var strangerBrowser = await CookieBrowserAsync(stranger))
        {
            Assert.Equal("/integrations?oauth=foreign_state", await OAuthTestFlow.CallbackAsync(strangerBrowser, callback));
        }

        Assert.Empty(Providers.OAuth.TokenRequests);
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.CallbackAsync(await OwnerBrowserAsync(), callback));
        Assert.Equal("disconnected", (string)(await stranger.Client.GetFromJsonAsync<JsonObject>("/api/integrations/buddy/hubspot"))!["status"]!);
    }

    [Fact]
    public async Task AccessDenied_EndsOnTheIntegrationPage_WithoutATokenRequest()
    {
        var landing = await OAuthTestFlow.ConnectAsync(Client, await OwnerBrowserAsync(), "cassie", "zendesk", decision: "deny");
        Assert.Equal("/agents/cassie/integrations/zendesk?oauth=denied", landing);
        Assert.Empty(Providers.OAuth.TokenRequests);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/cassie/zendesk"))["status"]!);
    }

    [Fact]
    public async Task ACodeWorksOnce_AndOnlyWithItsOwnPkceVerifier()
    {
        // Two authorizations under way; the first one's code is presented with the second one's state (and verifier).
        var first = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        var second = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        var browser = await OwnerBrowserAsync();
        var mixed = new Dictionary<string, string> { ["code"] = first["code"], ["state"] = second["state"] };
        Assert.EndsWith("?oauth=exchange_failed", await OAuthTestFlow.CallbackAsync(browser, mixed));
        Assert.Single(Providers.OAuth.TokenRequests, r => r is { Provider: "hubspot", Succeeded: false });

        // The fake burned the code on that attempt, as a provider does: even with its own state it is refused now.
        Assert.EndsWith("?oauth=exchange_failed", await OAuthTestFlow.CallbackAsync(browser, first));
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);
    }

    [Fact]
    public async Task Authorize_ValidatesTheSettings_AndExplainsAMissingApp()
    {
        using var bad = await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/authorize", new { settings = new { subdomain = "https://acme.zendesk.com" } });
        var problem = await ReadProblemAsync(bad, 400);
        Assert.NotNull(problem["errors"]!["subdomain"]);

        using var missing = await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/authorize", new { settings = new { } });
        Assert.NotNull((await ReadProblemAsync(missing, 400))["errors"]!["subdomain"]);

        using var noOAuth = await Client.PostAsJsonAsync("/api/integrations/cassie/freshdesk/authorize", new { settings = new { } });
        Assert.Contains("does not connect with OAuth", (string)(await ReadProblemAsync(noOAuth, 409))["detail"]!);
    }

    [Fact]
    public async Task ACallbackWithoutASession_GoesToSignIn_AndComesBackToTheCallback_WithoutATokenRequest()
    {
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(Client, "buddy", "hubspot"));
        using var anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await anonymous.GetAsync(QueryHelpers.AddQueryString("/oauth/callback", callback.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("/Account/Login", location);
        Assert.Contains(Uri.EscapeDataString("/oauth/callback?"), location);
        Assert.Empty(Providers.OAuth.TokenRequests);

        // Signed in, the same callback completes (the state was not burned by the anonymous visit).
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.CallbackAsync(await OwnerBrowserAsync(), callback));
    }

    [Fact]
    public async Task AnAdminDemotedBeforeTheCallback_IsRefused_WithoutATokenRequest_AndTheConnectionIsKept()
    {
        // The workspace's working connection, by credentials.
        using (var configured = await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid))
        {
            Assert.True(configured.IsSuccessStatusCode);
        }

        Assert.Equal("connected", (string)(await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200))["integration"]!["status"]!);

        var admin = await InviteAsync("admin@acme.test", "admin");
        var callback = await OAuthTestFlow.DecideAsync(await OAuthTestFlow.AuthorizeAsync(admin.Client, "buddy", "hubspot"));
        using (var demoted = await Client.PutAsJsonAsync($"/api/workspace/members/{await MemberIdAsync(admin.Email)}/role", new { role = "member" }))
        {
            Assert.True(demoted.IsSuccessStatusCode, await demoted.Content.ReadAsStringAsync());
        }

        using (var adminBrowser = await CookieBrowserAsync(admin))
        {
            Assert.Equal("/agents/buddy/integrations/hubspot?oauth=forbidden", await OAuthTestFlow.CallbackAsync(adminBrowser, callback));
        }

        Assert.Empty(Providers.OAuth.TokenRequests);
        var view = await GetJsonAsync("/api/integrations/buddy/hubspot");
        Assert.Equal("connected", (string)view["status"]!);
        Assert.Equal("credentials", (string)view["auth_method"]!);
        var authorizations = (await GetJsonAsync("/api/integrations/buddy/hubspot/audit"))["entries"]!.AsArray()
            .Where(e => (string)e!["action"]! == "authorize").Select(e => (string)e!["outcome"]!).ToList();
        Assert.Equal(["refused", "started"], authorizations);
    }

    [Fact]
    public async Task AMember_CannotStartAnAuthorization()
    {
        var member = await InviteAsync(Unique("member@acme.test"), "member");
        using var response = await member.Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/authorize", new { settings = new { } });
        await ReadProblemAsync(response, 403);
    }
}

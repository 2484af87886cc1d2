using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The API test host: the app over its own SQLite file and a fake-provider server. By default each test gets its own.
/// A class whose tests only need their own workspace sets <see cref="SharesHost"/>: its tests (which xUnit runs one at a
/// time) then share one app and fake server, each with its own owner, workspace and unique emails (<see cref="Unique"/>),
/// and the fake server reset. Workspaces are isolated by design, and the isolation tests prove it.
/// </summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<Type, Lazy<Task<(FakeProviderServer Providers, AgentHubFactory Factory)>>> SharedHosts = new();

    static ApiTestBase() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var host in SharedHosts.Values.Where(h => h.IsValueCreated && h.Value.IsCompletedSuccessfully))
        {
            host.Value.Result.Factory.Dispose();
            host.Value.Result.Providers.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    };

    /// <summary>True when the tests of this class share one app and fake server (see the class summary).</summary>
    protected virtual bool SharesHost => false;

    /// <summary>A key of this test, for emails that must not collide with other tests on a shared host.</summary>
    protected string TestKey { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The email, made unique to this test when the host is shared (`member@acme.test` → `member+key@acme.test`).</summary>
    protected string Unique(string email) => SharesHost ? email.Replace("@", $"+{TestKey}@", StringComparison.Ordinal) : email;

    protected FakeProviderServer Providers { get; private set; } = null!;
    protected AgentHubFactory Factory { get; private set; } = null!;
    /// <summary>The owner of workspace A, signed in with a bearer token.</summary>
    protected HttpClient Client => Owner.Client;

    protected TestUser Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (SharesHost)
        {
            (Providers, Factory) = await SharedHosts.GetOrAdd(GetType(), _ => new(async () =>
            {
                var providers = await FakeProviderServer.StartAsync();
                return (providers, CreateFactory(providers));
            })).Value;
            Providers.Reset();
        }
        else
        {
            Providers = await FakeProviderServer.StartAsync();
            Factory = CreateFactory(Providers);
        }

        Owner = await CreateOwnerAsync();
    }

    /// <summary>Workspace A's owner; by default a self-registered account.</summary>
    protected virtual Task<TestUser> CreateOwnerAsync() => Factory.CreateUserAsync(Unique("owner@acme.test"));

    public async Task DisposeAsync()
    {
        Owner.Client.Dispose();
        if (!SharesHost)
        {
            await Factory.DisposeAsync();
            await Providers.DisposeAsync();
        }
    }

    protected virtual AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers);

    /// <summary>A host whose every OAuth provider has the operator's app registered at the loopback authorization server.</summary>
    protected static AgentHubFactory WithOAuthApps(FakeProviderServer providers) =>
        new(providers, providers.OAuth.ClientSettings().ToDictionary(kv => kv.Key, kv => kv.Value));

    /// <summary>A browser signed in with Identity's cookie (as the owner by default), following no redirects.</summary>
    protected async Task<HttpClient> CookieBrowserAsync(TestUser? user = null)
    {
        user ??= Owner;
        var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        using var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = AgentHubFactory.Password });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        return browser;
    }

    protected Task<HttpResponseMessage> ConfigureAsync(string agent, string provider, IReadOnlyDictionary<string, string> values) =>
        Client.PostAsJsonAsync($"/api/integrations/{agent}/{provider}/configure", new { credentials = values });

    protected Task<HttpResponseMessage> ConnectAsync(string agent, string provider) =>
        Client.PostAsync($"/api/integrations/{agent}/{provider}/connect", null);

    protected Task<HttpResponseMessage> DisconnectAsync(string agent, string provider) =>
        Client.PostAsync($"/api/integrations/{agent}/{provider}/disconnect", null);

    protected async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return await ReadJsonAsync(response, 200);
    }

    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Invites someone into the owner's workspace, registers them with the invitation and signs them in.</summary>
    protected async Task<TestUser> InviteAsync(string email, string role)
    {
        email = Unique(email);
        var created = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email, role }), 201);
        var link = (string)created["link"]!;
        Assert.Contains("/Account/Register?invitation=", link);
        var token = InvitationToken(link);
        using var anonymous = Factory.CreateClient();
        using var registered = await anonymous.PostAsJsonAsync(
            "/api/auth/register-invited",
            new { email, password = AgentHubFactory.Password, invitation = token });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var user = await Factory.SignInAsync(email);
        Assert.Equal(Owner.WorkspaceId, user.WorkspaceId);
        return user;
    }

    /// <summary>Five wrong passwords in a row (each refused with 401): the account is then locked out.</summary>
    protected static async Task LockOutAsync(HttpClient client, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-1" });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
    }

    /// <summary>The id of a member of the owner's workspace, by email.</summary>
    protected async Task<string> MemberIdAsync(string email) =>
        (string)(await GetJsonAsync("/api/workspace"))["members"]!.AsArray().Single(m => (string)m!["email"]! == email)!["user_id"]!;

    /// <summary>The one-time token at the end of an invitation link (…/Account/Register?invitation=TOKEN).</summary>
    protected static string InvitationToken(string link) =>
        Uri.UnescapeDataString(link[(link.IndexOf("invitation=", StringComparison.Ordinal) + "invitation=".Length)..]);

    /// <summary>Asserts an RFC 9457 problem response and returns it.</summary>
    protected static async Task<JsonNode> ReadProblemAsync(HttpResponseMessage response, int expectedStatus)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response, expectedStatus);
        Assert.Equal(expectedStatus, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        return problem;
    }
}

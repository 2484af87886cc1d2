using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// A fresh app (own SQLite file) and a fresh fake-provider server per test, so tests never share state.
/// </summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    protected FakeProviderServer Providers { get; private set; } = null!;
    protected AgentHubFactory Factory { get; private set; } = null!;
    /// <summary>The owner of workspace A, signed in with a bearer token.</summary>
    protected HttpClient Client => Owner.Client;

    protected TestUser Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Providers = await FakeProviderServer.StartAsync();
        Factory = CreateFactory(Providers);
        Owner = await CreateOwnerAsync();
    }

    /// <summary>Workspace A's owner; by default a self-registered account.</summary>
    protected virtual Task<TestUser> CreateOwnerAsync() => Factory.CreateUserAsync("owner@acme.test");

    public async Task DisposeAsync()
    {
        Owner.Client.Dispose();
        await Factory.DisposeAsync();
        await Providers.DisposeAsync();
    }

    protected virtual AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers);

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
        var created = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email, role }), 201);
        var link = (string)created["link"]!;
        Assert.Contains("/Account/Register?invitation=", link);
        var token = InvitationToken(link);
        using var anonymous = Factory.CreateClient();
        using var registered = await anonymous.PostAsJsonAsync("/api/auth/register-invited", new { email, password = AgentHubFactory.Password, invitation = token });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var user = await Factory.SignInAsync(email);
        Assert.Equal(Owner.WorkspaceId, user.WorkspaceId);
        return user;
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

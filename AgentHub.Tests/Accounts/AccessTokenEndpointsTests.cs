using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Accounts;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Accounts;

/// <summary>
/// Personal access tokens on the REST API: made signed in (the value shown once, stored hashed), a read token reads
/// only, a write token acts with its user's current role (a demotion applies at the next call), an MCP token is not an
/// API token, revocation and expiry stop it at once, and no token manages tokens.
/// </summary>
public sealed class AccessTokenEndpointsTests : ApiTestBase
{
    private async Task<(string Value, JsonNode View)> MakeAsync(HttpClient client, string name, string scope = "api", string access = "read", int days = 30)
    {
        var created = await ReadJsonAsync(await client.PostAsJsonAsync("/api/tokens", new { name, scope, access, expires_in_days = days }), 201);
        return ((string)created["token"]!, created["access_token"]!);
    }

    private HttpClient With(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task AToken_IsShownOnce_StoredHashed_AndListedWithItsLastUse()
    {
        var (value, view) = await MakeAsync(Client, "Claude on my laptop");
        Assert.StartsWith("ahp_", value, StringComparison.Ordinal);
        Assert.True(value.Length >= 40);
        Assert.Equal("Claude on my laptop", (string)view["name"]!);
        Assert.Equal(value[..10], (string)view["hint"]!);

        using var token = With(value);
        await ReadJsonAsync(await token.GetAsync("/api/integrations/"), 200);

        var listed = (await GetJsonAsync("/api/tokens"))["tokens"]!.AsArray().Single()!;
        Assert.NotNull(listed["last_used_at"]);
        Assert.Null(listed["token"]);
        Assert.DoesNotContain(value, listed.ToJsonString());
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        var stored = await db.AccessTokens.SingleAsync();
        Assert.Equal(AccessToken.HashOf(value), stored.Hash);
        Assert.NotEqual(value, stored.Hash);
    }

    [Fact]
    public async Task AReadToken_ReadsOnly_AndAWriteTokenActsWithItsUsersCurrentRole()
    {
        var (read, _) = await MakeAsync(Client, "Dashboards");
        using var reader = With(read);
        await ReadJsonAsync(await reader.GetAsync("/api/tasks"), 200);
        await ReadProblemAsync(await reader.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 403);
        await ReadProblemAsync(await reader.PutAsJsonAsync("/api/approval-policies", new { policies = new Dictionary<string, string> { ["instagram_publish_post"] = "allow" } }), 403);

        var admin = await InviteAsync("admin@acme.test", "admin");
        var (write, _) = await MakeAsync(admin.Client, "Scripts", access: "write");
        using var writer = With(write);
        await ReadJsonAsync(await writer.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 201);

        // Demoted to member: the same token can no longer write, at its next call.
        var adminId = await MemberIdAsync(admin.Email);
        (await Client.PutAsJsonAsync($"/api/workspace/members/{adminId}/role", new { role = "member" })).EnsureSuccessStatusCode();
        await ReadProblemAsync(await writer.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 403);
        await ReadJsonAsync(await writer.GetAsync("/api/conversations"), 200);
    }

    [Fact]
    public async Task RevokedExpiredAndMcpTokens_AndTokensOfAnAccountThatIsGone_DoNotWorkOnTheApi()
    {
        var (revoked, revokedView) = await MakeAsync(Client, "Old script");
        using (var client = With(revoked))
        {
            await ReadJsonAsync(await client.GetAsync("/api/tasks"), 200);
            Assert.Equal(204, (int)(await Client.DeleteAsync($"/api/tokens/{revokedView["id"]}")).StatusCode);
            await ReadProblemAsync(await client.GetAsync("/api/tasks"), 401);
        }

        var (expired, expiredView) = await MakeAsync(Client, "Short-lived", days: 1);
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var id = Guid.Parse((string)expiredView["id"]!);
            await db.AccessTokens.Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        using (var client = With(expired))
        {
            await ReadProblemAsync(await client.GetAsync("/api/tasks"), 401);
        }

        var (mcp, _) = await MakeAsync(Client, "Claude", scope: "mcp");
        using (var client = With(mcp))
        {
            await ReadProblemAsync(await client.GetAsync("/api/tasks"), 403);
        }

        var member = await InviteAsync("leaving@acme.test", "member");
        var (gone, _) = await MakeAsync(member.Client, "Leaving");
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Email == member.Email).ExecuteDeleteAsync();
        }

        using (var client = With(gone))
        {
            await ReadProblemAsync(await client.GetAsync("/api/tasks"), 401);
        }

        using (var client = With("ahp_" + new string('x', 43)))
        {
            await ReadProblemAsync(await client.GetAsync("/api/tasks"), 401);
        }
    }

    [Fact]
    public async Task NoToken_ManagesTokens_AndBadInputIsA400WithFieldErrors()
    {
        var (write, _) = await MakeAsync(Client, "Scripts", access: "write");
        using var writer = With(write);
        await ReadProblemAsync(await writer.PostAsJsonAsync("/api/tokens", new { name = "Successor", access = "write" }), 403);
        await ReadProblemAsync(await writer.GetAsync("/api/tokens"), 403);

        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/tokens", new { name = " ", expires_in_days = 1000 }), 400);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["expires_in_days"]);
        await ReadProblemAsync(await Client.PostAsJsonAsync("/api/tokens", new { name = "x", scope = "everything" }), 400);

        // Another person's token cannot be revoked by id.
        var other = await Factory.CreateUserAsync(Unique("owner@other.test"));
        var (_, view) = await MakeAsync(other.Client, "Theirs");
        await ReadProblemAsync(await Client.DeleteAsync($"/api/tokens/{view["id"]}"), 404);
    }
}

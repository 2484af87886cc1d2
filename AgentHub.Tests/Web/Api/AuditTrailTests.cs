using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class AuditTrailTests : ApiTestBase
{
    private const string Secret = "AUDIT-CANARY-token-5d1e";

    [Fact]
    public async Task EveryChange_IsAudited_WithWhoWhatAndOutcome_AndNoSecretValue()
    {
        var zendesk = FakeProviders.Get("zendesk");
        var values = new Dictionary<string, string>(zendesk.Valid) { ["api_token"] = Secret };
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", new Dictionary<string, string>(values) { ["email"] = "bad" }), 400);
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", values), 200);
        await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        await ReadJsonAsync(await DisconnectAsync("cassie", "zendesk"), 200);
        await ReadJsonAsync(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "new@acme.test", role = "admin" }), 201);

        var audit = await GetJsonAsync("/api/audit");
        var entries = audit["entries"]!.AsArray().Select(e => e!).Reverse().ToList();

        Assert.Equal(["configure", "configure", "connect", "disconnect", "invite"], entries.Select(e => (string)e["action"]!));
        Assert.Equal(["rejected", "succeeded", "auth_invalid", "succeeded", "succeeded"], entries.Select(e => (string)e["outcome"]!));
        Assert.All(entries, e =>
        {
            Assert.Equal("owner@acme.test", (string)e["user_name"]!);
            Assert.False(string.IsNullOrEmpty((string)e["user_id"]!));
            Assert.True(DateTime.UtcNow - (DateTime)e["at"]! < TimeSpan.FromMinutes(1));
        });
        Assert.All(entries.Take(4), e =>
        {
            Assert.Equal("zendesk", (string)e["provider_id"]!);
            Assert.Equal("cassie", (string)e["agent_id"]!);
        });
        Assert.Equal(["email"], Fields(entries[0]));
        Assert.Equal(["api_token", "email", "subdomain"], Fields(entries[1]));
        Assert.Equal(["api_token", "email", "subdomain"], Fields(entries[3]));
        Assert.DoesNotContain(Secret, audit.ToJsonString());
        Assert.DoesNotContain("agent@acme.com", audit.ToJsonString());

        // The integration's own trail, for its page.
        var integration = await GetJsonAsync("/api/integrations/cassie/zendesk/audit");
        Assert.Equal(4, integration["entries"]!.AsArray().Count);
    }

    [Fact]
    public async Task ADeniedWrite_IsAuditedToo()
    {
        var created = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "m@acme.test", role = "member" }), 201);
        var link = (string)created["link"]!;
        using var anonymous = Factory.CreateClient();
        await anonymous.PostAsJsonAsync(
            "/api/auth/register-invited",
            new { email = "m@acme.test", password = AgentHubFactory.Password, invitation = InvitationToken(link) });
        var member = await Factory.SignInAsync("m@acme.test");

        await ReadProblemAsync(await member.Client.PostAsync("/api/integrations/buddy/hubspot/disconnect", null), 403);

        var audit = await GetJsonAsync("/api/audit");
        var denied = audit["entries"]!.AsArray().Single(e => (string)e!["outcome"]! == "denied")!;
        Assert.Equal("m@acme.test", (string)denied["user_name"]!);
        Assert.Equal("disconnect", (string)denied["action"]!);
        Assert.Contains(audit["entries"]!.AsArray(), e => (string)e!["action"]! == "join");
    }

    private static string[] Fields(JsonNode entry) => entry["fields"]!.AsArray().Select(f => (string)f!).ToArray();
}

using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>Roles: a Member reads but every write is 403; an Admin manages integrations but not people.</summary>
public sealed class RoleTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/integrations/cassie/zendesk/configure" },
        { "POST", "/api/integrations/cassie/zendesk/connect" },
        { "POST", "/api/integrations/cassie/zendesk/disconnect" },
        { "POST", "/api/workspace/test-all" },
        { "POST", "/api/workspace/invitations" },
        { "PUT", "/api/workspace/members/{owner}/role" },
        { "GET", "/api/audit" },
        { "GET", "/api/integrations/cassie/zendesk/audit" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task AMember_Gets403OnEveryWrite_AndNothingChanges(string method, string path)
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);
        var member = await InviteAsync("member@acme.test", "member");
        var ownerId = await MemberIdAsync(Owner.Email);
        var before = (await GetJsonAsync("/api/integrations/cassie/zendesk")).ToJsonString();

        using var response = await WorkspaceIsolationTests.Send(member.Client, method, path.Replace("{owner}", ownerId));

        await ReadProblemAsync(response, 403);
        Assert.Equal(before, (await GetJsonAsync("/api/integrations/cassie/zendesk")).ToJsonString());
        Assert.Equal("owner", (string)(await GetJsonAsync("/api/workspace"))["members"]!.AsArray().Single(m => (string)m!["user_id"]! == ownerId)!["role"]!);
    }

    [Fact]
    public async Task AMember_CanReadAgentsAndStatuses()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);
        var member = await InviteAsync("member@acme.test", "member");

        var json = await ReadJsonAsync(await member.Client.GetAsync("/api/integrations/cassie/zendesk"), 200);
        Assert.Equal("pending", (string)json["status"]!);
        await ReadJsonAsync(await member.Client.GetAsync("/api/integrations/"), 200);
        await ReadJsonAsync(await member.Client.GetAsync("/api/integrations/cassie/zendesk/calls"), 200);
    }

    [Fact]
    public async Task AnAdmin_ManagesIntegrations_ButNotPeople()
    {
        var admin = await InviteAsync("admin@acme.test", "admin");

        await ReadJsonAsync(await admin.Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/configure", new { credentials = Zendesk.Valid }), 200);
        await ReadJsonAsync(await admin.Client.PostAsync("/api/integrations/cassie/zendesk/connect", null), 200);
        await ReadProblemAsync(await admin.Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "x@acme.test", role = "member" }), 403);
    }

    [Fact]
    public async Task AnOwner_ChangesRoles_ButCannotRemoveTheLastOwner()
    {
        var member = await InviteAsync("member@acme.test", "member");
        var workspace = await GetJsonAsync("/api/workspace");
        var memberId = (string)workspace["members"]!.AsArray().Single(m => (string)m!["email"]! == member.Email)!["user_id"]!;
        var ownerId = (string)workspace["members"]!.AsArray().Single(m => (string)m!["email"]! == Owner.Email)!["user_id"]!;

        using (var promoted = await Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "admin" }))
        {
            Assert.Equal(204, (int)promoted.StatusCode);
        }

        // The new role applies at once, without signing in again.
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/configure", new { credentials = Zendesk.Valid }), 200);
        await ReadProblemAsync(await Client.PutAsJsonAsync($"/api/workspace/members/{ownerId}/role", new { role = "member" }), 409);
        await ReadProblemAsync(await Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "emperor" }), 400);
    }

    [Fact]
    public async Task AnInvitation_IsForItsEmail_AndWorksOnce()
    {
        var created = await ReadJsonAsync(
            await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "invited@acme.test", role = "member" }),
            201);
        var link = (string)created["link"]!;
        var token = InvitationToken(link);
        using var anonymous = Factory.CreateClient();

        var wrongEmail = await ReadJsonAsync(
            await anonymous.PostAsJsonAsync(
                "/api/auth/register-invited",
                new { email = "other@acme.test", password = AgentHubFactory.Password, invitation = token }),
            400);
        Assert.Contains("invited@acme.test", wrongEmail["errors"]!["invitation"]![0]!.ToString());
        using (var ok = await anonymous.PostAsJsonAsync(
            "/api/auth/register-invited",
            new { email = "invited@acme.test", password = AgentHubFactory.Password, invitation = token }))
        {
            Assert.True(ok.IsSuccessStatusCode);
        }

        await ReadJsonAsync(
            await anonymous.PostAsJsonAsync(
                "/api/auth/register-invited",
                new { email = "invited@acme.test", password = AgentHubFactory.Password, invitation = token }),
            400);
        await ReadProblemAsync(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "not an email", role = "member" }), 400);
        var missing = await ReadJsonAsync(
            await anonymous.PostAsJsonAsync("/api/auth/register-invited", new { email = "x@acme.test", password = AgentHubFactory.Password }),
            400);
        Assert.NotNull(missing["errors"]!["invitation"]);
    }
}

using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>User B, in another workspace, tries every endpoint on user A's integrations: 404 each time, A unchanged.</summary>
public sealed class WorkspaceIsolationTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "integrations/" },
        { "GET", "integrations/cassie" },
        { "GET", "integrations/cassie/zendesk" },
        { "POST", "integrations/cassie/zendesk/configure" },
        { "POST", "integrations/cassie/zendesk/connect" },
        { "POST", "integrations/cassie/zendesk/disconnect" },
        { "GET", "integrations/cassie/zendesk/calls" },
        { "GET", "integrations/cassie/zendesk/audit" },
        { "GET", "audit" },
        { "GET", "" },
        { "POST", "invitations" },
        { "PUT", "members/{owner}/role" },
        { "POST", "test-all" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnotherWorkspacesUser_Gets404OnEveryEndpoint_AndAIsUnchanged(string method, string path)
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);
        await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        var before = await SnapshotAsync();
        var b = await Factory.CreateUserAsync(Unique("b@other.test"));
        var ownerId = (string)(await GetJsonAsync("/api/workspace"))["members"]![0]!["user_id"]!;
        var relative = path.Replace("{owner}", ownerId);

        using var response = await Send(b.Client, method, $"/api/workspaces/{Owner.WorkspaceId}/{relative}");
        var problem = await ReadProblemAsync(response, 404);

        // Indistinguishable from a workspace that does not exist.
        var missing = Guid.NewGuid();
        using var nowhere = await Send(b.Client, method, $"/api/workspaces/{missing}/{relative}");
        var other = await ReadProblemAsync(nowhere, 404);
        Assert.Equal((string)other["title"]!, (string)problem["title"]!);
        Assert.Equal(((string)other["detail"]!).Replace(missing.ToString(), "ID"), ((string)problem["detail"]!).Replace(Owner.WorkspaceId.ToString(), "ID"));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AnotherWorkspacesUser_SeesOnlyTheirOwnState_OnTheUnaddressedEndpoints()
    {
        var values = new Dictionary<string, string>(Zendesk.Valid) { ["subdomain"] = "zebracorp", ["email"] = "agent@zebracorp.test" };
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", values), 200);
        var b = await Factory.CreateUserAsync(Unique("b@other.test"));

        var json = await ReadJsonAsync(await b.Client.GetAsync("/api/integrations/cassie/zendesk"), 200);
        Assert.Equal("disconnected", (string)json["status"]!);
        var all = await ReadJsonAsync(await b.Client.GetAsync("/api/integrations/"), 200);
        Assert.DoesNotContain("zebracorp", json.ToJsonString() + all.ToJsonString());
        Assert.NotEqual(Owner.WorkspaceId, b.WorkspaceId);
    }

    /// <summary>A's integration state, call log, audit trail and provider traffic, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        var integration = await GetJsonAsync("/api/integrations/cassie/zendesk");
        var calls = await GetJsonAsync("/api/integrations/cassie/zendesk/calls");
        var audit = await GetJsonAsync("/api/audit");
        var members = await GetJsonAsync("/api/workspace");
        return string.Join(
            "|",
            integration.ToJsonString(),
            calls["calls"]!.ToJsonString(),
            audit.ToJsonString(),
            members.ToJsonString(),
            Providers.Requests.Count);
    }

    internal static Task<HttpResponseMessage> Send(HttpClient client, string method, string url) => method switch
    {
        "GET" => client.GetAsync(url),
        "PUT" => client.PutAsJsonAsync(url, new { role = "member" }),
        _ => client.PostAsJsonAsync(url, new { credentials = Zendesk.Valid, email = "x@acme.test", role = "member" }),
    };
}

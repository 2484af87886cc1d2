using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// A workspace's own OAuth apps: owners register them, the secret is stored encrypted and never shown back, the
/// workspace's app wins over the operator's, and without any app "Connect with X" is unavailable with a reason.
/// </summary>
public sealed class OAuthAppTests : ApiTestBase
{
    protected override bool SharesHost => true;

    // The operator configured HubSpot only.
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["Integrations:Providers:hubspot:OAuth:ClientId"] = "operator-client",
        ["Integrations:Providers:hubspot:OAuth:ClientSecret"] = "operator-secret",
    });

    [Fact]
    public async Task TheList_ShowsWhereEachAppComesFrom_AndTheRedirectUri()
    {
        var list = await GetJsonAsync("/api/workspace/oauth-apps");
        Assert.Equal("http://localhost:5000/oauth/callback", (string)list["redirect_uri"]!);
        var apps = list["apps"]!.AsArray();
        Assert.Equal(15, apps.Count);
        Assert.Equal("operator", (string)apps.Single(a => (string)a!["provider_id"]! == "hubspot")!["active_source"]!);
        Assert.Equal("none", (string)apps.Single(a => (string)a!["provider_id"]! == "zendesk")!["active_source"]!);

        var zendesk = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.True((bool)zendesk["oauth_supported"]!);
        Assert.False((bool)zendesk["oauth_available"]!);
        Assert.True((bool)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["oauth_available"]!);
        Assert.False((bool)(await GetJsonAsync("/api/integrations/cassie/freshdesk"))["oauth_supported"]!);

        using var unavailable = await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/authorize", new { settings = new { subdomain = "acme" } });
        var problem = await ReadProblemAsync(unavailable, 409);
        Assert.Contains("Integrations:Providers:zendesk:OAuth:ClientId", (string)problem["detail"]!);
    }

    [Fact]
    public async Task AnOwnersApp_IsStoredEncrypted_NeverShownBack_AndWinsOverTheOperators()
    {
        using (var set = await Client.PutAsJsonAsync("/api/workspace/oauth-apps/hubspot", new { client_id = "workspace-client", client_secret = "workspace-secret-123" }))
        {
            var view = await ReadJsonAsync(set, 200);
            Assert.Equal("workspace", (string)view["active_source"]!);
            Assert.Equal("workspace-client", (string)view["workspace_client_id"]!);
            Assert.DoesNotContain("workspace-secret-123", view.ToJsonString());
        }

        Assert.DoesNotContain("workspace-secret-123", (await GetJsonAsync("/api/workspace/oauth-apps")).ToJsonString());
        await using (var db = new SqliteConnection($"Data Source={Factory.DatabasePath}"))
        {
            await db.OpenAsync();
            await using var read = db.CreateCommand();
            read.CommandText = "SELECT ProtectedClientSecret FROM OAuthApps WHERE ClientId = 'workspace-client'";
            var stored = (string)(await read.ExecuteScalarAsync())!;
            Assert.DoesNotContain("workspace-secret-123", stored);
        }

        // The authorization now goes out with the workspace's client id.
        using var authorize = await Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/authorize", new { settings = new { } });
        var url = (string)(await ReadJsonAsync(authorize, 200))["authorization_url"]!;
        Assert.Contains("client_id=workspace-client", url);

        // Removed: the operator's app applies again.
        using (var removed = await Client.DeleteAsync("/api/workspace/oauth-apps/hubspot"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var again = await Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/authorize", new { settings = new { } });
        Assert.Contains("client_id=operator-client", (string)(await ReadJsonAsync(again, 200))["authorization_url"]!);
        Assert.DoesNotContain("workspace-secret-123", Factory.AllLogText());
    }

    [Fact]
    public async Task BadValues_GetFieldErrors_AndOnlyOwnersRegisterApps()
    {
        using (var bad = await Client.PutAsJsonAsync("/api/workspace/oauth-apps/hubspot", new { client_id = "with space", client_secret = "" }))
        {
            var errors = (await ReadProblemAsync(bad, 400))["errors"]!;
            Assert.NotNull(errors["client_id"]);
            Assert.NotNull(errors["client_secret"]);
        }

        using (var unknown = await Client.PutAsJsonAsync("/api/workspace/oauth-apps/freshdesk", new { client_id = "x", client_secret = "y" }))
        {
            await ReadProblemAsync(unknown, 404);
        }

        var admin = await InviteAsync(Unique("admin@acme.test"), "admin");
        using var refused = await admin.Client.PutAsJsonAsync("/api/workspace/oauth-apps/hubspot", new { client_id = "x", client_secret = "y" });
        await ReadProblemAsync(refused, 403);
        Assert.Equal(15, (await admin.Client.GetFromJsonAsync<JsonObject>("/api/workspace/oauth-apps"))!["apps"]!.AsArray().Count);
    }
}

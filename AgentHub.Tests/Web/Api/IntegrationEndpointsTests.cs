using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class IntegrationEndpointsTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");
    private static readonly FakeProvider HubSpot = FakeProviders.Get("hubspot");

    [Fact]
    public async Task ListAll_ReturnsEveryAgentWithItsIntegrations()
    {
        var json = await GetJsonAsync("/api/integrations/");

        var agents = json["agents"]!.AsArray();
        Assert.Equal(["soshie", "cassie", "seomi", "dexter", "buddy", "emmie", "penn"], agents.Select(a => (string)a!["agent_id"]!));
        Assert.Equal(26, agents.Sum(a => a!["integrations"]!.AsArray().Count));
        Assert.All(agents.SelectMany(a => a!["integrations"]!.AsArray()), i => Assert.Equal("disconnected", (string)i!["status"]!));
    }

    [Fact]
    public async Task GetAgent_ReturnsTheSeedShape()
    {
        var json = await GetJsonAsync("/api/integrations/soshie");

        Assert.Equal("soshie", (string)json["agent_id"]!);
        Assert.Equal("Soshie", (string)json["agent_name"]!);
        var instagram = json["integrations"]![0]!;
        Assert.Equal("instagram", (string)instagram["id"]!);
        Assert.Equal("Instagram", (string)instagram["name"]!);
        Assert.False(string.IsNullOrEmpty((string)instagram["icon"]!));
        Assert.False(string.IsNullOrEmpty((string)instagram["description"]!));
        Assert.Equal("disconnected", (string)instagram["status"]!);
        Assert.False((bool)instagram["is_configured"]!);
        var fields = instagram["required_credentials"]!.AsArray();
        Assert.Equal("access_token", (string)fields[0]!["name"]!);
        Assert.Equal("Access Token", (string)fields[0]!["label"]!);
        Assert.Equal("password", (string)fields[0]!["type"]!);
        Assert.True((bool)fields[0]!["required"]!);
        Assert.Equal("instagram_account_id", (string)fields[1]!["name"]!);
        Assert.Equal("Instagram Account ID", (string)fields[1]!["label"]!);
        Assert.Equal("text", (string)fields[1]!["type"]!);
        Assert.True((bool)fields[1]!["required"]!);
    }

    [Theory]
    [InlineData("/api/integrations/nobody")]
    [InlineData("/api/integrations/nobody/zendesk")]
    [InlineData("/api/integrations/cassie/nothing")]
    [InlineData("/api/integrations/soshie/zendesk")]
    public async Task Get_Returns404Problem_ForUnknownAgentOrIntegrationOrUnusedProvider(string path)
    {
        using var response = await Client.GetAsync(path);
        await ReadProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("configure")]
    [InlineData("connect")]
    [InlineData("disconnect")]
    public async Task Post_Returns404Problem_WhenTheAgentDoesNotUseTheProvider(string action)
    {
        using var response = await Client.PostAsJsonAsync($"/api/integrations/penn/zendesk/{action}", new { credentials = Zendesk.Valid });
        await ReadProblemAsync(response, 404);
    }

    [Fact]
    public async Task Configure_Returns400WithErrorsPerField()
    {
        using var response = await ConfigureAsync("cassie", "zendesk", new Dictionary<string, string>
        {
            ["subdomain"] = "https://acme.zendesk.com",
            ["email"] = "not-an-email",
            ["favourite_colour"] = "blue",
        });

        var problem = await ReadProblemAsync(response, 400);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["api_token", "email", "favourite_colour", "subdomain"], errors.Select(e => e.Key).Order());
        Assert.Contains("required", (string)errors["api_token"]![0]!);
        Assert.Contains("email address", (string)errors["email"]![0]!);
        Assert.Contains("not a Zendesk credential field", (string)errors["favourite_colour"]![0]!);
        Assert.Contains("acme.zendesk.com", (string)errors["subdomain"]![0]!);
        await AssertStatusAsync("cassie", "zendesk", "disconnected");
    }

    [Fact]
    public async Task Configure_Returns400_WhenAValueIsTooLong()
    {
        var values = new Dictionary<string, string>(Zendesk.Valid) { ["api_token"] = new string('k', 2049) };
        using var response = await ConfigureAsync("cassie", "zendesk", values);

        var problem = await ReadProblemAsync(response, 400);
        Assert.Contains("at most 2048", (string)problem["errors"]!["api_token"]![0]!);
    }

    [Fact]
    public async Task Configure_Returns400_WhenTheCredentialsObjectIsMissing()
    {
        using var response = await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/configure", new { other = 1 });

        var problem = await ReadProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]!["credentials"]);
    }

    [Theory]
    [InlineData("{\"credentials\": {\"subdomain\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"credentials\": {\"subdomain\": 42}}")]
    [InlineData("{\"credentials\": [\"acme\"]}")]
    [InlineData("{\"credentials\": \"acme\"}")]
    [InlineData("")]
    [InlineData("null")]
    public async Task Configure_Returns400Problem_ForMalformedJsonOrWrongTypes(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/integrations/cassie/zendesk/configure", content);

        await ReadProblemAsync(response, 400);
        await AssertStatusAsync("cassie", "zendesk", "disconnected");
    }

    [Fact]
    public async Task Configure_Returns413Problem_ForABodyOver64KB()
    {
        var body = "{\"credentials\":{\"subdomain\":\"" + new string('a', 70_000) + "\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/integrations/cassie/zendesk/configure", content);

        await ReadProblemAsync(response, 413);
    }

    [Fact]
    public async Task Transitions_ConfigurePendingConnectConnectedDisconnect()
    {
        var configured = await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);
        Assert.Equal("pending", (string)configured["status"]!);
        Assert.True((bool)configured["is_configured"]!);

        var connected = await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        Assert.Equal("connected", (string)connected["integration"]!["status"]!);
        Assert.Equal("ok", (string)connected["outcome"]!["reason"]!);
        Assert.True((bool)connected["outcome"]!["success"]!);
        Assert.NotNull(connected["integration"]!["last_connected_at"]);

        var disconnected = await ReadJsonAsync(await DisconnectAsync("cassie", "zendesk"), 200);
        Assert.Equal("disconnected", (string)disconnected["status"]!);
        Assert.False((bool)disconnected["is_configured"]!);
        Assert.All(disconnected["required_credentials"]!.AsArray(), f => Assert.False((bool)f!["is_set"]!));

        // The credentials are gone: testing now is a conflict, not a silent success.
        await ReadProblemAsync(await ConnectAsync("cassie", "zendesk"), 409);
    }

    [Fact]
    public async Task Connect_Returns409_WhenNeverConfigured()
    {
        using var response = await ConnectAsync("cassie", "zendesk");

        var problem = await ReadProblemAsync(response, 409);
        Assert.Contains("not configured", (string)problem["detail"]!);
        Assert.Empty(Providers.Requests);
    }

    [Fact]
    public async Task Connect_WithAWrongSecret_SetsErrorWithAuthInvalid()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.WithWrongSecret()), 200);

        var result = await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);

        Assert.Equal("error", (string)result["integration"]!["status"]!);
        Assert.Equal("auth_invalid", (string)result["integration"]!["status_reason"]!);
        Assert.Equal("auth_invalid", (string)result["outcome"]!["reason"]!);
        Assert.Equal("Couldn't authenticate you", (string)result["outcome"]!["provider_message"]!);
        Assert.Equal("api_token", (string)result["outcome"]!["field"]!);
    }

    [Fact]
    public async Task SharedConnection_ConfiguredViaBuddy_IsConfiguredForEmmie()
    {
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", HubSpot.Valid), 200);

        var viaEmmie = await GetJsonAsync("/api/integrations/emmie/hubspot");
        Assert.True((bool)viaEmmie["is_configured"]!);
        Assert.Equal("pending", (string)viaEmmie["status"]!);
        Assert.Equal(["buddy"], viaEmmie["shared_with"]!.AsArray().Select(a => (string)a!));

        await ReadJsonAsync(await ConnectAsync("emmie", "hubspot"), 200);
        var viaBuddy = await GetJsonAsync("/api/integrations/buddy/hubspot");
        Assert.Equal("connected", (string)viaBuddy["status"]!);
        Assert.Equal(["emmie"], viaBuddy["shared_with"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task Reconfigure_WithABlankSecret_KeepsTheStoredSecret()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);

        var values = new Dictionary<string, string>(Zendesk.Valid) { ["api_token"] = "", ["email"] = "agent@acme.com" };
        var reconfigured = await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", values), 200);
        Assert.True((bool)reconfigured["required_credentials"]![2]!["is_set"]!);

        var result = await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        Assert.Equal("ok", (string)result["outcome"]!["reason"]!);
        Assert.Equal(Zendesk.AuthHeader!.Value.Value, Providers.RequestsFor("zendesk").Last().Header("Authorization"));
    }

    [Fact]
    public async Task Reconfigure_ChangingTheSubdomain_RequiresTheSecretAgain()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);

        var values = new Dictionary<string, string>(Zendesk.Valid) { ["subdomain"] = "attacker", ["api_token"] = "" };
        var problem = await ReadProblemAsync(await ConfigureAsync("cassie", "zendesk", values), 400);

        Assert.Contains("again", (string)problem["errors"]!["api_token"]![0]!);
        var stored = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal("acme", (string)stored["required_credentials"]![0]!["value"]!);
    }

    [Fact]
    public async Task Reconfigure_ChangingTheSalesforceInstance_RequiresTheSecretAgain()
    {
        var salesforce = FakeProviders.Get("salesforce");
        await ReadJsonAsync(await ConfigureAsync("buddy", "salesforce", salesforce.Valid), 200);

        var values = new Dictionary<string, string>(salesforce.Valid) { ["instance_url"] = "https://other.my.salesforce.com", ["access_token"] = "" };
        var problem = await ReadProblemAsync(await ConfigureAsync("buddy", "salesforce", values), 400);

        Assert.Contains("again", (string)problem["errors"]!["access_token"]![0]!);
    }

    [Fact]
    public async Task Configure_TrimsValues()
    {
        var values = new Dictionary<string, string>(Zendesk.Valid) { ["subdomain"] = "  acme  ", ["email"] = " agent@acme.com\t" };
        var configured = await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", values), 200);

        Assert.Equal("acme", (string)configured["required_credentials"]![0]!["value"]!);
        Assert.Equal("agent@acme.com", (string)configured["required_credentials"]![1]!["value"]!);
    }

    [Fact]
    public async Task Responses_NeverContainASecretValue()
    {
        var bodies = new List<string>();
        async Task Collect(Task<HttpResponseMessage> call)
        {
            using var response = await call;
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        await Collect(ConfigureAsync("cassie", "zendesk", Zendesk.Valid));
        await Collect(ConnectAsync("cassie", "zendesk"));
        await Collect(Client.GetAsync("/api/integrations/cassie/zendesk"));
        await Collect(Client.GetAsync("/api/integrations/cassie"));
        await Collect(Client.GetAsync("/api/integrations/"));
        await Collect(ConfigureAsync("cassie", "zendesk", Zendesk.WithWrongSecret()));
        await Collect(ConnectAsync("cassie", "zendesk"));

        Assert.Equal(7, bodies.Count);
        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain("zd-valid-token-123", body);
            Assert.DoesNotContain("zd-wrong-token-456", body);
        });
    }

    [Fact]
    public async Task ConcurrentConfigures_OfOneVersion_EndInOneSuccessAndOneConflict()
    {
        using var first = await ConfigureAsync("cassie", "zendesk", Zendesk.Valid);
        var version = first.Headers.ETag!.Tag;

        async Task<HttpResponseMessage> Update(string email)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/cassie/zendesk/configure")
            {
                Content = JsonContent.Create(new { credentials = new Dictionary<string, string>(Zendesk.Valid) { ["email"] = email } }),
            };
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(version));
            return await Client.SendAsync(request);
        }

        var responses = await Task.WhenAll(Update("one@acme.com"), Update("two@acme.com"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<JsonNode>();
        var stored = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal((string)winner!["required_credentials"]![1]!["value"]!, (string)stored["required_credentials"]![1]!["value"]!);
        await ReadProblemAsync(responses.Single(r => !r.IsSuccessStatusCode), 409);
    }

    [Fact]
    public async Task Connect_Returns409_WhenTheCredentialsChangeWhileTheTestRuns()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.WithWrongSecret()), 200);
        Providers.Delay = _ => TimeSpan.FromMilliseconds(800);

        var connecting = ConnectAsync("cassie", "zendesk");
        await WaitUntilAsync(() => Providers.RequestsFor("zendesk").Count > 0);
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);

        // The slow test's auth_invalid describes the old token: it must not overwrite the new credentials' state.
        await ReadProblemAsync(await connecting, 409);
        var stored = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal("pending", (string)stored["status"]!);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSixEndpoints()
    {
        var json = await GetJsonAsync("/openapi/v1.json");

        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/integrations", paths);
        Assert.Contains("/api/integrations/{agent_id}", paths);
        Assert.Contains("/api/integrations/{agent_id}/{integration_id}", paths);
        Assert.Contains("/api/integrations/{agent_id}/{integration_id}/configure", paths);
        Assert.Contains("/api/integrations/{agent_id}/{integration_id}/connect", paths);
        Assert.Contains("/api/integrations/{agent_id}/{integration_id}/disconnect", paths);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private async Task AssertStatusAsync(string agent, string provider, string status)
    {
        var json = await GetJsonAsync($"/api/integrations/{agent}/{provider}");
        Assert.Equal(status, (string)json["status"]!);
    }
}

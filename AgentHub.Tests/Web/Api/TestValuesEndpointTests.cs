using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// `POST /api/integrations/{agent_id}/{integration_id}/test-values`: submitted credentials are checked against the
/// provider exactly as configure would store them, and nothing is stored.
/// </summary>
public sealed class TestValuesEndpointTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");

    private Task<HttpResponseMessage> TestValuesAsync(string agent, string provider, IReadOnlyDictionary<string, string> values, HttpClient? client = null) =>
        (client ?? Client).PostAsJsonAsync($"/api/integrations/{agent}/{provider}/test-values", new { credentials = values });

    [Fact]
    public async Task TestValues_WithValidValues_ReturnsSuccess_AndStoresNothing()
    {
        using var response = await TestValuesAsync("cassie", "zendesk", Zendesk.Valid);
        var body = await response.Content.ReadAsStringAsync();
        var result = await ReadJsonAsync(response, 200);

        Assert.True((bool)result["outcome"]!["success"]!);
        Assert.Equal("ok", (string)result["outcome"]!["reason"]!);
        var sent = Assert.Single(Providers.RequestsFor("zendesk"));
        Assert.Equal(Zendesk.AuthHeader!.Value.Value, sent.Header("Authorization"));
        Assert.DoesNotContain(Zendesk.Valid["api_token"], body);

        var stored = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal("disconnected", (string)stored["status"]!);
        Assert.False((bool)stored["is_configured"]!);
        Assert.All(stored["required_credentials"]!.AsArray(), f => Assert.False((bool)f!["is_set"]!));
        Assert.Null(stored["last_tested_at"]);
    }

    [Fact]
    public async Task TestValues_WithAWrongToken_ReturnsTheFailure_AndLeavesTheStoredCredentialsAsTheyWere()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);
        await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        var before = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal("connected", (string)before["status"]!);

        var result = await ReadJsonAsync(await TestValuesAsync("cassie", "zendesk", Zendesk.WithWrongSecret()), 200);

        Assert.False((bool)result["outcome"]!["success"]!);
        Assert.Equal("auth_invalid", (string)result["outcome"]!["reason"]!);
        Assert.Equal("api_token", (string)result["outcome"]!["field"]!);
        var after = await GetJsonAsync("/api/integrations/cassie/zendesk");
        Assert.Equal("connected", (string)after["status"]!);
        Assert.Equal((string)before["version"]!, (string)after["version"]!);

        // The stored token is still the valid one: testing the stored credentials sends it.
        var connected = await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        Assert.Equal("ok", (string)connected["outcome"]!["reason"]!);
        Assert.Equal(Zendesk.AuthHeader!.Value.Value, Providers.RequestsFor("zendesk").Last().Header("Authorization"));
    }

    [Fact]
    public async Task TestValues_WithABlankSecret_TestsTheSavedOne()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);

        var values = new Dictionary<string, string>(Zendesk.Valid) { ["api_token"] = "" };
        var result = await ReadJsonAsync(await TestValuesAsync("cassie", "zendesk", values), 200);

        Assert.Equal("ok", (string)result["outcome"]!["reason"]!);
        Assert.Equal(Zendesk.AuthHeader!.Value.Value, Assert.Single(Providers.RequestsFor("zendesk")).Header("Authorization"));
        Assert.Equal("pending", (string)(await GetJsonAsync("/api/integrations/cassie/zendesk"))["status"]!);
    }

    [Fact]
    public async Task TestValues_ChangingTheSubdomainWithABlankSecret_Returns400_AndSendsTheSavedSecretNowhere()
    {
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", Zendesk.Valid), 200);

        var values = new Dictionary<string, string>(Zendesk.Valid) { ["subdomain"] = "attacker", ["api_token"] = "" };
        var problem = await ReadProblemAsync(await TestValuesAsync("cassie", "zendesk", values), 400);

        Assert.Contains("again", (string)problem["errors"]!["api_token"]![0]!);
        Assert.Empty(Providers.Requests);
    }

    [Fact]
    public async Task TestValues_Returns400WithErrorsPerField_ForInvalidValues_AndSendsNothing()
    {
        var values = new Dictionary<string, string> { ["subdomain"] = "https://acme.zendesk.com", ["email"] = "not-an-email", ["favourite_colour"] = "blue" };

        var problem = await ReadProblemAsync(await TestValuesAsync("cassie", "zendesk", values), 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["api_token", "email", "favourite_colour", "subdomain"], errors.Select(e => e.Key).Order());
        Assert.Empty(Providers.Requests);
    }

    [Fact]
    public async Task TestValues_Returns400_WhenTheCredentialsObjectIsMissing()
    {
        using var response = await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/test-values", new { other = 1 });

        var problem = await ReadProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]!["credentials"]);
    }

    [Fact]
    public async Task TestValues_Returns404_WhenTheAgentDoesNotUseTheProvider()
    {
        await ReadProblemAsync(await TestValuesAsync("penn", "zendesk", Zendesk.Valid), 404);
        Assert.Empty(Providers.Requests);
    }

    [Fact]
    public async Task TestValues_AsAMember_Returns403_AndSendsNothing()
    {
        var member = await InviteAsync("member@acme.test", "member");

        await ReadProblemAsync(await TestValuesAsync("cassie", "zendesk", Zendesk.Valid, member.Client), 403);

        Assert.Empty(Providers.Requests);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTestValues()
    {
        var json = await GetJsonAsync("/openapi/v1.json");

        var operation = json["paths"]!["/api/integrations/{agent_id}/{integration_id}/test-values"]!["post"]!;
        Assert.Contains("without storing", (string)operation["summary"]!);
        var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.Contains("200", responses);
        Assert.Contains("400", responses);
        Assert.Contains("429", responses);
    }
}

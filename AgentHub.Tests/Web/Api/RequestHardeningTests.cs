using System.Net.Http.Json;
using System.Text;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>Finding 9 and 13: links from App:PublicBaseUrl; disconnect honours If-Match; duplicate JSON keys are refused.</summary>
public sealed class RequestHardeningTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["App:PublicBaseUrl"] = "https://hub.acme.test/",
    });

    [Fact]
    public async Task AnInvitationLink_IsBuiltFromThePublicBaseUrl_NotTheHostHeader()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "/api/workspace/invitations")
        { Content = JsonContent.Create(new { email = "new@acme.test", role = "member" }) };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var created = await ReadJsonAsync(await Client.SendAsync(request), 201);

        Assert.StartsWith("https://hub.acme.test/Account/Register?invitation=", (string)created["link"]!);
        Assert.DoesNotContain("evil", (string)created["link"]!);
    }

    [Fact]
    public async Task Disconnect_HonoursIfMatch()
    {
        var configured = await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid);
        var etag = configured.Headers.ETag!.Tag;
        await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);

        using var stale = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/disconnect");
        stale.Headers.IfMatch.Add(new(etag));
        await ReadProblemAsync(await Client.SendAsync(stale), 409);
        Assert.Equal("connected", (string)(await GetJsonAsync("/api/integrations/buddy/hubspot"))["status"]!);

        using var current = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/buddy/hubspot/disconnect");
        current.Headers.IfMatch.Add((await Client.GetAsync("/api/integrations/buddy/hubspot")).Headers.ETag!);
        var disconnected = await ReadJsonAsync(await Client.SendAsync(current), 200);
        Assert.Equal("disconnected", (string)disconnected["status"]!);
    }

    [Theory]
    [InlineData(
        "/api/integrations/soshie/instagram/configure",
        """{"credentials": {"access_token": "x", "access_token": "y", "instagram_account_id": "17841400000000000"}}""")]
    [InlineData(
        "/api/integrations/soshie/instagram/configure",
        """{"credentials": {"access_token": "x", "instagram_account_id": "1"}, "credentials": {"access_token": "y", "instagram_account_id": "2"}}""")]
    [InlineData("/api/workspace/invitations", """{"email": "a@acme.test", "role": "member", "role": "owner"}""")]
    public async Task ABodyThatRepeatsAKey_IsRefused(string path, string body)
    {
        var problem = await ReadProblemAsync(await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), 400);

        Assert.Equal("Malformed request body", (string)problem["title"]!);
        Assert.Equal("disconnected", (string)(await GetJsonAsync("/api/integrations/soshie/instagram"))["status"]!);
        Assert.Empty((await GetJsonAsync("/api/workspace"))["invitations"]!.AsArray());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// AgentHub's MCP server at `/mcp`, driven by the official C# MCP client (streamable HTTP) against the real endpoint:
/// the tools a token sees by role and scope, a read through the connection (call log, audit), a write that waits in
/// the Inbox "from {token}" until approved and then answers the provider's result through `get_approval`, revocation
/// and demotion on the next call, and the 401 with the protected-resource metadata (RFC 9728).
/// </summary>
public sealed class McpServerTests : TaskTestBase
{
    private async Task<string> TokenAsync(HttpClient owner, string name, string access = "write", string scope = "mcp")
    {
        var created = await ReadJsonAsync(await owner.PostAsJsonAsync("/api/tokens", new { name, scope, access, expires_in_days = 30 }), 201);
        return (string)created["token"]!;
    }

    private async Task<McpClient> ConnectAsync(string token)
    {
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp, Name = "test" },
            http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private static async Task<HashSet<string>> NamesAsync(McpClient client) =>
        (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    private static JsonObject Structured(CallToolResult result)
    {
        Assert.NotEqual(true, result.IsError);
        return JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!.AsObject();
    }

    [Fact]
    public async Task Tools_AreTheWorkspacesConnectedActions_ByRoleAndScope_WithHints()
    {
        await ConnectProviderAsync("soshie", "instagram");
        await ConnectProviderAsync("seomi", "semrush");

        await using (var owner = await ConnectAsync(await TokenAsync(Client, "Claude desktop")))
        {
            var tools = (await owner.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
            Assert.Equal(
                ["ask_buddy", "ask_cassie", "ask_dexter", "ask_emmie", "ask_penn", "ask_seomi", "ask_soshie", "brain_search", "get_approval", "get_task",
                 "instagram_get_recent_media", "instagram_publish_post", "semrush_domain_organic_keywords", "semrush_domain_overview"],
                tools.Keys.Order(StringComparer.Ordinal));
            Assert.True(tools["instagram_get_recent_media"].Annotations!.ReadOnlyHint);
            Assert.False(tools["instagram_publish_post"].Annotations!.ReadOnlyHint);
            Assert.True(tools["instagram_publish_post"].Annotations!.DestructiveHint);
            Assert.True(tools["brain_search"].Annotations!.ReadOnlyHint);
            // The catalog's own schema: the client validates the same arguments AgentHub checks.
            Assert.Equal(["caption", "image_url"], tools["instagram_publish_post"].InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
            Assert.Contains("approval", tools["instagram_publish_post"].Description, StringComparison.Ordinal);
        }

        // A read token of the owner sees reads only, and cannot give tasks.
        await using (var reader = await ConnectAsync(await TokenAsync(Client, "Dashboards", access: "read")))
        {
            Assert.Equal(
                ["brain_search", "get_approval", "get_task", "instagram_get_recent_media", "semrush_domain_organic_keywords", "semrush_domain_overview"],
                (await NamesAsync(reader)).Order(StringComparer.Ordinal));
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() => reader.CallToolAsync("instagram_publish_post",
                new Dictionary<string, object?> { ["image_url"] = "https://cdn.acme.com/a.jpg", ["caption"] = "x" }).AsTask());
            Assert.Contains("Unknown tool", refused.Message, StringComparison.Ordinal);
            Assert.Equal(true, (await reader.CallToolAsync("ask_penn", new Dictionary<string, object?> { ["instruction"] = "Write" })).IsError);
        }

        // A member's write token is a member's: reads only.
        var member = await InviteAsync("member@acme.test", "member");
        await using (var asMember = await ConnectAsync(await TokenAsync(member.Client, "Member's Cursor")))
        {
            Assert.DoesNotContain("instagram_publish_post", await NamesAsync(asMember));
            Assert.DoesNotContain("ask_penn", await NamesAsync(asMember));
            Assert.Contains("semrush_domain_overview", await NamesAsync(asMember));
        }

        Assert.Empty(Providers.RequestsFor("instagram"));
        Assert.Empty(Model.Turns);
    }

    [Fact]
    public async Task ARead_RunsThroughTheConnection_AndIsInTheCallLogAndTheAuditTrail()
    {
        await ConnectProviderAsync("seomi", "semrush");
        await using var client = await ConnectAsync(await TokenAsync(Client, "VS Code", access: "read"));

        var result = await client.CallToolAsync("semrush_domain_overview", new Dictionary<string, object?> { ["domain"] = "acme.com" });

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("acme.com", text, StringComparison.Ordinal);
        var call = Assert.Single(Providers.RequestsFor("semrush"));
        Assert.Contains("domain=acme.com", call.Query, StringComparison.Ordinal);

        // Bad arguments are the tool's error, checked against the catalog's schema before any request.
        var bad = await client.CallToolAsync("semrush_domain_overview", new Dictionary<string, object?> { ["domain"] = 42 });
        Assert.True(bad.IsError);
        Assert.Single(Providers.RequestsFor("semrush"));

        var calls = await GetJsonAsync("/api/integrations/seomi/semrush/calls");
        Assert.NotEmpty(calls["calls"]!.AsArray());
        var audit = (await GetJsonAsync("/api/audit"))["entries"]!.AsArray().Where(e => (string)e!["action"]! == "mcp_call").ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => (string)e!["outcome"]! == "succeeded" && ((string)e["detail"]!).Contains("semrush_domain_overview", StringComparison.Ordinal)
            && ((string)e["detail"]!).Contains("VS Code", StringComparison.Ordinal));
        Assert.Contains(audit, e => (string)e!["outcome"]! == "failed");
    }

    [Fact]
    public async Task AWrite_WaitsInTheInboxFromTheToken_ThenGetApprovalAnswersTheProvidersResult()
    {
        await ConnectProviderAsync("soshie", "instagram");
        await using var client = await ConnectAsync(await TokenAsync(Client, "Claude desktop"));

        var asked = Structured(await client.CallToolAsync("instagram_publish_post", new Dictionary<string, object?>
        {
            ["image_url"] = "https://cdn.acme.com/new-product.jpg",
            ["caption"] = "Meet the Acme One #acme",
        }));

        Assert.Equal("pending", (string)asked["status"]!);
        Assert.Contains("Publish the image https://cdn.acme.com/new-product.jpg on Instagram as acme", (string)asked["preview"]!);
        Assert.Empty(Providers.RequestsFor("instagram")); // nothing sent before a person decides
        var approvalId = (string)asked["approval_id"]!;

        var pending = Assert.Single(await PendingApprovalsAsync())!;
        Assert.Equal(approvalId, (string)pending["id"]!);
        Assert.Equal("Claude desktop", (string)pending["requested_by"]!);
        Assert.Null(pending["task_id"]);

        var waiting = Structured(await client.CallToolAsync("get_approval", new Dictionary<string, object?> { ["approval_id"] = approvalId }));
        Assert.Equal("pending", (string)waiting["status"]!);
        Assert.Null(waiting["result"]);

        var approved = await ReadJsonAsync(await Client.PostAsync($"/api/approvals/{approvalId}/approve", null), 200);
        Assert.Equal("executed", (string)approved["status"]!);

        var done = Structured(await client.CallToolAsync("get_approval", new Dictionary<string, object?> { ["approval_id"] = approvalId }));
        Assert.Equal("executed", (string)done["status"]!);
        Assert.Equal(FakeActions.InstagramMediaId, (string)done["result"]!["id"]!);
        Assert.Equal(["/v21.0/17841400000000001/media", "/v21.0/17841400000000001/media_publish"], Providers.RequestsFor("instagram").Select(r => r.Path));

        var audit = (await GetJsonAsync("/api/audit"))["entries"]!.AsArray().Select(e => ((string)e!["action"]!, (string)e["outcome"]!)).ToList();
        Assert.Contains(("mcp_call", "approval_requested"), audit);
        Assert.Contains(("approve", "approved"), audit);
        Assert.Contains(("execute_action", "succeeded"), audit);
    }

    [Fact]
    public async Task AWriteAskedWithATokenRevokedOrDemotedSince_IsNeverSent()
    {
        await ConnectProviderAsync("soshie", "instagram");
        var admin = await InviteAsync("admin@acme.test", "admin");
        var created = await ReadJsonAsync(await admin.Client.PostAsJsonAsync("/api/tokens", new { name = "Leaky laptop", scope = "mcp", access = "write", expires_in_days = 30 }), 201);
        var post = new Dictionary<string, object?> { ["image_url"] = "https://cdn.acme.com/a.jpg", ["caption"] = "Hello" };
        string first, second;
        await using (var client = await ConnectAsync((string)created["token"]!))
        {
            first = (string)Structured(await client.CallToolAsync("instagram_publish_post", post))["approval_id"]!;
            second = (string)Structured(await client.CallToolAsync("instagram_publish_post", post))["approval_id"]!;
        }

        // Demoted: the owner's approval sends nothing and says why.
        var adminId = await MemberIdAsync(admin.Email);
        (await Client.PutAsJsonAsync($"/api/workspace/members/{adminId}/role", new { role = "member" })).EnsureSuccessStatusCode();
        var decided = await ReadJsonAsync(await Client.PostAsync($"/api/approvals/{first}/approve", null), 200);
        Assert.Equal("rejected", (string)decided["status"]!);
        Assert.Contains("access token", (string)decided["reason"]!, StringComparison.Ordinal);
        Assert.Empty(Providers.RequestsFor("instagram"));
        Assert.Empty(await PendingApprovalsAsync());

        // Revoked: whatever it asked and nobody decided goes with it.
        (await Client.PutAsJsonAsync($"/api/workspace/members/{adminId}/role", new { role = "admin" })).EnsureSuccessStatusCode();
        await using (var client = await ConnectAsync((string)created["token"]!))
        {
            second = (string)Structured(await client.CallToolAsync("instagram_publish_post", post))["approval_id"]!;
        }

        Assert.Single(await PendingApprovalsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/tokens/{created["access_token"]!["id"]}")).StatusCode);
        Assert.Empty(await PendingApprovalsAsync());
        var after = await ReadJsonAsync(await Client.PostAsync($"/api/approvals/{second}/approve", null), 200);
        Assert.Equal("rejected", (string)after["status"]!);
        Assert.Empty(Providers.RequestsFor("instagram"));
    }

    [Fact]
    public async Task AWorkspacePolicyOfNever_HidesTheWrite_AndAnotherWorkspacesApprovalIsNotFound()
    {
        await ConnectProviderAsync("soshie", "instagram");
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/approval-policies", new { policies = new Dictionary<string, string> { ["instagram_publish_post"] = "never" } }), 200);
        await using var client = await ConnectAsync(await TokenAsync(Client, "Claude desktop"));
        Assert.DoesNotContain("instagram_publish_post", await NamesAsync(client));

        var other = await Factory.CreateUserAsync("owner@other.test");
        await ConnectProviderAsync("soshie", "instagram", other.Client);
        await using var theirs = await ConnectAsync(await TokenAsync(other.Client, "Theirs"));
        var asked = Structured(await theirs.CallToolAsync("instagram_publish_post", new Dictionary<string, object?>
        {
            ["image_url"] = "https://cdn.acme.com/a.jpg",
            ["caption"] = "Theirs",
        }));

        var lookup = await client.CallToolAsync("get_approval", new Dictionary<string, object?> { ["approval_id"] = (string)asked["approval_id"]! });
        Assert.True(lookup.IsError);
        Assert.Empty(await PendingApprovalsAsync());
    }

    [Fact]
    public async Task AskAHelper_StartsItsTask_AndGetTaskAnswersItsResult()
    {
        Model.Responder = _ => ModelReply.Say("Voici trois idées de titres.");
        await using var client = await ConnectAsync(await TokenAsync(Client, "Claude desktop"));

        var asked = Structured(await client.CallToolAsync("ask_penn", new Dictionary<string, object?> { ["instruction"] = "Trois idées de titres pour notre blog" }));
        var taskId = Guid.Parse((string)asked["task_id"]!);

        var done = await WaitForAsync(taskId, "answered");
        Assert.Equal("penn", (string)done["agent_id"]!);
        var state = Structured(await client.CallToolAsync("get_task", new Dictionary<string, object?> { ["task_id"] = taskId.ToString() }));
        Assert.Equal("answered", (string)state["status"]!);
        Assert.Equal("Voici trois idées de titres.", (string)state["result"]!);
    }

    [Fact]
    public async Task RevocationAndDemotion_TakeEffectOnTheNextCall()
    {
        await ConnectProviderAsync("soshie", "instagram");
        var admin = await InviteAsync("admin@acme.test", "admin");
        var created = await ReadJsonAsync(await admin.Client.PostAsJsonAsync("/api/tokens", new { name = "Admin's Claude", scope = "mcp", access = "write", expires_in_days = 30 }), 201);
        await using var client = await ConnectAsync((string)created["token"]!);
        Assert.Contains("instagram_publish_post", await NamesAsync(client));

        var adminId = await MemberIdAsync(admin.Email);
        (await Client.PutAsJsonAsync($"/api/workspace/members/{adminId}/role", new { role = "member" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain("instagram_publish_post", await NamesAsync(client));
        Assert.Contains("instagram_get_recent_media", await NamesAsync(client));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/tokens/{created["access_token"]!["id"]}")).StatusCode);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.ListToolsAsync().AsTask());
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAToken_401PointsToTheProtectedResourceMetadata_AndAnApiTokenIsRefused()
    {
        using var anonymous = Factory.CreateClient();
        using var body = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        using var response = await anonymous.PostAsync("/mcp", body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\"", challenge.Parameter, StringComparison.Ordinal);

        var metadata = await ReadJsonAsync(await anonymous.GetAsync("/.well-known/oauth-protected-resource/mcp"), 200);
        Assert.Equal("http://localhost/mcp", (string)metadata["resource"]!);
        Assert.Equal(["header"], metadata["bearer_methods_supported"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("http://localhost/account/tokens", (string)metadata["resource_documentation"]!);

        // A token made for the REST API is not an MCP token.
        using var api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Client, "Script", scope: "api"));
        using var again = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/mcp", again)).StatusCode);
    }
}

/// <summary>The per-token rate limit on `/mcp`: past the window's permits a token gets 429 with Retry-After; another token is not affected.</summary>
public sealed class McpRateLimitTests : TaskTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:Mcp:PermitLimit"] = "3",
        ["RateLimits:Mcp:Window"] = "01:00:00",
    };

    private async Task<HttpClient> WithTokenAsync(string name)
    {
        var created = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/tokens", new { name, scope = "mcp", access = "read", expires_in_days = 30 }), 201);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)created["token"]!);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        return client;
    }

    private static StringContent List() => new("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task PastItsPermits_ATokenGets429_AndAnotherTokenStillWorks()
    {
        using var first = await WithTokenAsync("Busy client");
        for (var i = 0; i < 3; i++)
        {
            using var ok = await first.PostAsync("/mcp", List());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains("brain_search", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var refused = await first.PostAsync("/mcp", List());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var second = await WithTokenAsync("Quiet client");
        using var fine = await second.PostAsync("/mcp", List());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}

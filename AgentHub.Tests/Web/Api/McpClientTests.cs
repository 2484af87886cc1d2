using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentHub.Core.Data;
using AgentHub.Integrations.Http;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Outside MCP servers as tools for the helpers: a loopback server built with the official SDK, registered with a
/// header secret (the operator allows 127.0.0.1 in `Mcp:Client:AllowedHosts`); a helper's scripted model calls its
/// read-only tool on its own and its unannotated tool waits for approval, then runs once.
/// </summary>
public sealed class McpClientTests : TaskTestBase, IAsyncLifetime
{
    private FakeMcpServer _shop = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Mcp:Client:AllowedHosts:0"] = "127.0.0.1",
    };

    public new async Task InitializeAsync()
    {
        _shop = await FakeMcpServer.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _shop.DisposeAsync();
    }

    private async Task<JsonNode> RegisterAsync(string[] agents, string? secret = FakeMcpServer.Key) =>
        await ReadJsonAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new
        {
            name = "shop",
            url = _shop.Url,
            header_name = "X-Shop-Key",
            secret,
            agent_ids = agents,
        }), 201);

    [Fact]
    public async Task Registering_ListsItsTools_KeepsTheSecretEncrypted_AndMembersOnlyRead()
    {
        var server = await RegisterAsync(["cassie"]);

        Assert.Null(server["error"]);
        Assert.True((bool)server["has_secret"]!);
        Assert.DoesNotContain(FakeMcpServer.Key, server.ToJsonString(), StringComparison.Ordinal);
        var tools = server["tools"]!.AsArray().ToDictionary(t => (string)t!["tool_name"]!, t => (bool)t!["read_only"]!);
        Assert.Equal(new Dictionary<string, bool> { ["shop_lookup_order"] = true, ["shop_refund_order"] = false }, tools);
        Assert.All(_shop.KeysSeen, k => Assert.Equal(FakeMcpServer.Key, k));

        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.RemoteMcpServers.SingleAsync();
            Assert.DoesNotContain(FakeMcpServer.Key, stored.ProtectedSecret!, StringComparison.Ordinal);
        }

        var member = await InviteAsync("member@acme.test", "member");
        var listed = await ReadJsonAsync(await member.Client.GetAsync("/api/mcp-servers"), 200);
        Assert.Equal("shop", (string)listed["servers"]![0]!["name"]!);
        await ReadProblemAsync(await member.Client.PostAsJsonAsync("/api/mcp-servers", new { name = "other", url = _shop.Url }), 403);
        await ReadProblemAsync(await member.Client.DeleteAsync($"/api/mcp-servers/{server["id"]}"), 403);

        // A wrong secret: kept as the server's error, the tools of the last good listing stay.
        var id = (string)server["id"]!;
        var changed = await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/mcp-servers/{id}", new
        {
            name = "shop",
            url = _shop.Url,
            header_name = "X-Shop-Key",
            secret = "wrong-key-000000",
            agent_ids = new[] { "cassie" },
        }), 200);
        Assert.Contains("refused the secret (HTTP 401)", (string)changed["error"]!, StringComparison.Ordinal);
        Assert.Equal(2, changed["tools"]!.AsArray().Count);

        // Bad input: field errors, nothing stored.
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new
        {
            name = "Hub Spot!",
            url = "ftp://example.com",
            header_name = "Bad Header",
            agent_ids = new[] { "nobody" },
        }), 400);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["url"]);
        Assert.NotNull(problem["errors"]!["header_name"]);
        Assert.NotNull(problem["errors"]!["agent_ids"]);
        await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new { name = "hubspot", url = _shop.Url }), 400);
        var taken = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new { name = "shop", url = _shop.Url }), 400);
        Assert.NotNull(taken["errors"]!["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/mcp-servers/{id}")).StatusCode);
        Assert.Empty((await GetJsonAsync("/api/mcp-servers"))["servers"]!.AsArray());
    }

    [Fact]
    public async Task AHelpersModel_CallsTheReadOnlyToolOnItsOwn_AndTheUnannotatedToolWaitsForApproval()
    {
        await RegisterAsync(["cassie"]);
        Model.Responder = turn => turn.ToolResults.Count switch
        {
            0 => ModelReply.Call("shop_lookup_order", new { order_id = "A-1001" }),
            1 => ModelReply.Call("shop_refund_order", new { order_id = "A-1001", amount_cents = 9900 }),
            _ => ModelReply.Say($"Done: {turn.ToolResults[^1].Content}"),
        };

        var taskId = await CreateTaskAsync("cassie", "Le client de la commande A-1001 demande un remboursement partiel de 99 €");
        var waiting = await WaitForAsync(taskId, "awaiting_approval");

        // The read ran on its own; the refund did not run.
        Assert.Equal([("lookup_order", "A-1001")], _shop.Calls);
        Assert.Contains(Model.Turns.First().ToolNames, n => n == "shop_lookup_order");
        Assert.Contains("shipped on 2026-11-30", Model.Turns.ElementAt(1).ToolResults.Single().Content, StringComparison.Ordinal);
        Assert.Contains(waiting["steps"]!.AsArray(), s => (string)s!["kind"]! == "tool_result" && (string)s["tool"]! == "shop_lookup_order");

        var approval = Assert.Single(await PendingApprovalsAsync())!;
        Assert.Equal("shop_refund_order", (string)approval["tool"]!);
        Assert.Equal(9900, (int)approval["arguments"]!["amount_cents"]!);
        Assert.Contains("refund_order", (string)approval["preview"]!, StringComparison.Ordinal);

        var decided = await ReadJsonAsync(await Client.PostAsync($"/api/approvals/{approval["id"]}/approve", null), 200);
        Assert.Equal("executed", (string)decided["status"]!);
        var done = await WaitForAsync(taskId, "succeeded");

        Assert.Equal([("lookup_order", "A-1001"), ("refund_order", "A-1001:9900")], _shop.Calls);
        Assert.Contains("rf_A-1001", (string)done["result"]!, StringComparison.Ordinal);

        // Each call is in the call log under the server's name.
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        var calls = await db.ProviderCalls.Where(c => c.ProviderId == "mcp:shop").Select(c => c.Path).ToListAsync();
        Assert.Contains("lookup_order", calls);
        Assert.Contains("refund_order", calls);
    }

    [Fact]
    public async Task ABackgroundRefresh_NeverMakesAToolReadOnly_AndAChangedServerSendsNoPendingCall()
    {
        var server = await RegisterAsync(["cassie"]);
        var id = Guid.Parse((string)server["id"]!);

        // As if lookup_order had been listed as a write when an owner saved the server: the server now says read-only.
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var row = await db.RemoteMcpServers.SingleAsync();
            row.ToolsJson = System.Text.Json.JsonSerializer.Serialize(row.Tools.Select(t => t with { ReadOnly = false }));
            row.ToolsRefreshedAt = DateTime.UtcNow.AddHours(-2);
            await db.SaveChangesAsync();
        }

        await Factory.Services.GetRequiredService<AgentHub.Core.Mcp.RemoteMcpService>().RefreshDueAsync(TimeSpan.FromHours(1), CancellationToken.None);
        var listed = (await GetJsonAsync($"/api/mcp-servers/{id}"))["tools"]!.AsArray();
        Assert.All(listed, t => Assert.False((bool)t!["read_only"]!));

        // A person listing the tools again takes the server's word.
        var refreshed = await ReadJsonAsync(await Client.PostAsync($"/api/mcp-servers/{id}/refresh", null), 200);
        Assert.Contains(refreshed["tools"]!.AsArray(), t => (string)t!["name"]! == "lookup_order" && (bool)t["read_only"]!);

        // A refund waits for approval; the server is then moved: the pending call is not sent to the new address.
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("shop_refund_order", new { order_id = "A-1001", amount_cents = 500 })
            : ModelReply.Say("Done.");
        var taskId = await CreateTaskAsync("cassie", "Refund 5 € on A-1001");
        await WaitForAsync(taskId, "awaiting_approval");
        var approval = Assert.Single(await PendingApprovalsAsync())!;
        await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/mcp-servers/{id}", new
        {
            name = "shop",
            url = _shop.Url + "?moved=1",
            header_name = "X-Shop-Key",
            secret = FakeMcpServer.Key,
            agent_ids = new[] { "cassie" },
        }), 200);
        await ReadProblemAsync(await Client.PostAsync($"/api/approvals/{approval["id"]}/approve", null), 409);
        Assert.DoesNotContain(_shop.Calls, c => c.Tool == "refund_order");
    }

    [Fact]
    public async Task HeadersTheTransportCannotSend_AndNullHelpers_AreFieldErrors()
    {
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new
        {
            name = "shop",
            url = _shop.Url,
            header_name = "Expires",
            secret = "s3cret-value-123",
            agent_ids = new string?[] { null },
        }), 400);
        Assert.NotNull(problem["errors"]!["header_name"]);
        Assert.NotNull(problem["errors"]!["agent_ids"]);
        Assert.DoesNotContain("s3cret-value-123", Factory.AllLogText(), StringComparison.Ordinal);
        Assert.Equal(0, _shop.Requests);
    }

    [Fact]
    public async Task AHelperNotAllowed_DoesNotSeeTheServersTools()
    {
        await RegisterAsync(["cassie"]);
        Model.Responder = _ => ModelReply.Say("Rien à faire.");

        var taskId = await CreateTaskAsync("penn", "Écris un slogan");
        await WaitForAsync(taskId, "answered");

        Assert.DoesNotContain(Model.Turns.First().ToolNames, n => n.StartsWith("shop_", StringComparison.Ordinal));
    }
}

/// <summary>
/// Without the operator's allowance, an outside MCP server on a private or loopback address is refused by the egress
/// guard's decision (names resolved by an injected resolver) before any connection: a field error, nothing stored.
/// </summary>
public sealed class McpClientGuardTests : TaskTestBase, IAsyncLifetime
{
    private FakeMcpServer _shop = null!;

    public new async Task InitializeAsync()
    {
        _shop = await FakeMcpServer.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _shop.DisposeAsync();
    }

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model), services: services =>
    {
        services.RemoveAll<IHostResolver>();
        services.AddSingleton<IHostResolver>(new MapResolver());
    });

    [Theory]
    [InlineData("https://mcp.internal.example/mcp", "private")]
    [InlineData("https://intranet.example/mcp", "private")]
    [InlineData("https://nowhere.example/mcp", "could not be found")]
    [InlineData("http://mcp.internal.example/mcp", "https")]
    public async Task AServerOnAPrivateAddress_IsRefusedWithAFieldError_AndNothingIsStored(string url, string expected)
    {
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new { name = "intranet", url }), 400);

        Assert.Contains(expected, (string)problem["errors"]!["url"]![0]!, StringComparison.Ordinal);
        Assert.Empty((await GetJsonAsync("/api/mcp-servers"))["servers"]!.AsArray());
    }

    [Fact]
    public async Task ALoopbackServerTheOperatorDidNotAllow_IsRefused_WithNoRequestMade()
    {
        var https = new UriBuilder(_shop.Url) { Scheme = "https" }.Uri.AbsoluteUri;
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new { name = "shop", url = https }), 400);
        Assert.Contains("private", (string)problem["errors"]!["url"]![0]!, StringComparison.Ordinal);
        await ReadProblemAsync(await Client.PostAsJsonAsync("/api/mcp-servers", new { name = "shop", url = _shop.Url }), 400);

        Assert.Equal(0, _shop.Requests);
    }

    /// <summary>Resolves the test's names without DNS: one to a private address, one to a loopback one, the rest to nothing.</summary>
    private sealed class MapResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host switch
        {
            "mcp.internal.example" => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3") }),
            "intranet.example" => Task.FromResult(new[] { IPAddress.Parse("192.168.4.20"), IPAddress.Parse("127.0.0.1") }),
            _ => throw new SocketException((int)SocketError.HostNotFound),
        };
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// An outside MCP server on 127.0.0.1, built with the official SDK (streamable HTTP, stateless): a shop with a read-only
/// `lookup_order` (annotated `readOnlyHint: true`) and an unannotated `refund_order`, behind an `X-Shop-Key` header.
/// It records every tool call and every key it was sent.
/// </summary>
public sealed class FakeMcpServer : IAsyncDisposable
{
    public const string Key = "shop-key-0123456789";
    private readonly WebApplication _app;

    public ConcurrentQueue<(string Tool, string Arguments)> Calls { get; } = new();
    public ConcurrentQueue<string?> KeysSeen { get; } = new();

    /// <summary>http://127.0.0.1:port/mcp</summary>
    public string Url { get; private set; } = "";

    public int Requests => KeysSeen.Count;

    private FakeMcpServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "Acme shop", Version = "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools(
            [
                McpServerTool.Create((string order_id) =>
                {
                    Calls.Enqueue(("lookup_order", order_id));
                    return $"Order {order_id}: 2 × Acme One, shipped on 2026-11-30, paid 198 EUR.";
                }, new McpServerToolCreateOptions { Name = "lookup_order", Description = "Looks up an order by its id.", ReadOnly = true }),
                McpServerTool.Create((string order_id, int amount_cents) =>
                {
                    Calls.Enqueue(("refund_order", $"{order_id}:{amount_cents}"));
                    return $"Refunded {amount_cents} cents on order {order_id}; refund id rf_{order_id}.";
                }, new McpServerToolCreateOptions { Name = "refund_order", Description = "Refunds part or all of an order." }),
            ]);
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var key = context.Request.Headers["X-Shop-Key"].ToString();
            KeysSeen.Enqueue(key);
            if (key != Key)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next();
        });
        _app.MapMcp("/mcp");
    }

    public static async Task<FakeMcpServer> StartAsync()
    {
        var server = new FakeMcpServer();
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/mcp";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

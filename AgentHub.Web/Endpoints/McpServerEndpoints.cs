using System.Text.Json.Serialization;
using AgentHub.Core.Mcp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Outside MCP servers whose tools the workspace's helpers may use: owners and admins manage them, members read.</summary>
public static class McpServerEndpoints
{
    public static RouteGroupBuilder MapMcpServerEndpoints(this RouteGroupBuilder root)
    {
        var servers = root.MapGroup("/mcp-servers").WithTags("MCP servers");
        servers.MapGet("/", List).WithName("ListMcpServers").WithSummary("The workspace's outside MCP servers, their tools and the helpers allowed (never their secrets).");
        servers.MapPost("/", Create).WithName("CreateMcpServer")
            .WithSummary("Registers an outside MCP server: name (its tools' prefix), url, header_name and secret (optional), agent_ids. Its tools are listed at once.")
            .ProducesValidationProblem();
        servers.MapGet("/{server_id:guid}", Get).WithName("GetMcpServer").WithSummary("One outside MCP server.");
        servers.MapPut("/{server_id:guid}", Update).WithName("UpdateMcpServer")
            .WithSummary("Changes an outside MCP server; a secret left out is kept (unless the url changes). Its tools are listed again.")
            .ProducesValidationProblem();
        servers.MapDelete("/{server_id:guid}", Delete).WithName("DeleteMcpServer").WithSummary("Removes an outside MCP server: its tools are no longer offered.");
        servers.MapPost("/{server_id:guid}/refresh", Refresh).WithName("RefreshMcpServer").WithSummary("Lists the server's tools again now.");
        return root;
    }

    public static async Task<Ok<McpServerListResponse>> List(Caller caller, RemoteMcpService servers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new McpServerListResponse(await servers.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<Created<RemoteMcpServerView>> Create([FromBody] SaveRemoteMcpServerRequest request, Caller caller, RemoteMcpService servers,
        CancellationToken cancellationToken)
    {
        var created = await servers.CreateAsync(caller.Actor, request, cancellationToken);
        return TypedResults.Created($"/api/mcp-servers/{created.Id}", created);
    }

    public static async Task<Ok<RemoteMcpServerView>> Get([FromRoute(Name = "server_id")] Guid serverId, Caller caller, RemoteMcpService servers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await servers.GetAsync(caller.Actor, serverId, cancellationToken));

    public static async Task<Ok<RemoteMcpServerView>> Update([FromRoute(Name = "server_id")] Guid serverId, [FromBody] SaveRemoteMcpServerRequest request, Caller caller,
        RemoteMcpService servers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await servers.UpdateAsync(caller.Actor, serverId, request, cancellationToken));

    public static async Task<NoContent> Delete([FromRoute(Name = "server_id")] Guid serverId, Caller caller, RemoteMcpService servers, CancellationToken cancellationToken)
    {
        await servers.DeleteAsync(caller.Actor, serverId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RemoteMcpServerView>> Refresh([FromRoute(Name = "server_id")] Guid serverId, Caller caller, RemoteMcpService servers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await servers.RefreshAsync(caller.Actor, serverId, cancellationToken));
}

public sealed record McpServerListResponse([property: JsonPropertyName("servers")] IReadOnlyList<RemoteMcpServerView> Servers);

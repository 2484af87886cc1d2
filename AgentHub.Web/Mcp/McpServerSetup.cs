using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using AgentHub.Core.Mcp;
using AgentHub.Web.Infrastructure;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentHub.Web.Mcp;

/// <summary>
/// AgentHub's MCP server at `/mcp`: the official SDK's streamable HTTP transport, stateless (any instance answers any
/// request; nothing is kept between them), with the tools computed per caller on every request
/// (<see cref="WorkspaceMcpTools"/>). Only a personal access token made for MCP gets in; without one the answer is 401
/// with `WWW-Authenticate: Bearer resource_metadata=…` (RFC 9728), the metadata served by the SDK's handler.
/// </summary>
public static class McpServerSetup
{
    public const string Path = "/mcp";
    public const string Policy = "mcp";
    public const string RateLimit = "mcp";

    public static IServiceCollection AddAgentHubMcp(this IServiceCollection services)
    {
        services.AddAuthentication().AddMcp(o =>
        {
            // The MCP scheme reads the personal access token, and challenges with the resource metadata.
            o.ForwardAuthenticate = AccessTokenAuthenticationHandler.SchemeName;
            o.ResourceMetadata = new()
            {
                ResourceName = "AgentHub",
                BearerMethodsSupported = ["header"],
                ScopesSupported = ["mcp"],
            };
            // No authorization server: clients use a personal access token made on the "Access tokens" page.
            o.Events.OnResourceMetadataRequest = context =>
            {
                var request = context.HttpContext.Request;
                context.ResourceMetadata!.ResourceDocumentation = $"{request.Scheme}://{request.Host}{request.PathBase}/account/tokens";
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(McpAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(AccessTokenAuthenticationHandler.ScopeClaim, "mcp"));

        // Per token: a leaked or runaway client cannot spend the providers' quotas or the model's budget.
        services.AddRateLimiter(o => o.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            "mcp:" + (context.User.FindFirstValue(AccessTokenAuthenticationHandler.TokenIdClaim) ?? "anonymous"),
            _ =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Mcp;
                return new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 };
            })));

        services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "AgentHub", Version = typeof(McpServerSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" };
                o.ServerInstructions =
                    "AgentHub runs a business's AI helpers and its connections (social networks, support desks, CRMs, email). " +
                    "Read tools answer at once. Write tools never act directly: each becomes an approval in the AgentHub Inbox; " +
                    "call get_approval with its id to learn whether a person approved it and what the provider answered. " +
                    "brain_search finds what the business wrote down about itself.";
            })
            .WithHttpTransport(o => o.Stateless = true)
            .WithListToolsHandler(async (context, cancellationToken) =>
            {
                var caller = await CallerAsync(context, cancellationToken);
                var tools = context.Services!.GetRequiredService<WorkspaceMcpTools>();
                return new ListToolsResult { Tools = [.. await tools.ListAsync(caller, cancellationToken)] };
            })
            .WithCallToolHandler(async (context, cancellationToken) =>
            {
                var caller = await CallerAsync(context, cancellationToken);
                var tools = context.Services!.GetRequiredService<WorkspaceMcpTools>();
                var arguments = context.Params?.Arguments as IReadOnlyDictionary<string, JsonElement>;
                return await tools.CallAsync(caller, context.Params?.Name ?? "", arguments, cancellationToken);
            });
        return services;
    }

    public static WebApplication MapAgentHubMcp(this WebApplication app)
    {
        app.MapMcp(Path).RequireAuthorization(Policy).RequireRateLimiting(RateLimit).DisableAntiforgery()
            // A JSON-RPC message is small: 1 MB, as the REST API's largest bodies (files go through the Brain's upload).
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1024 * 1024));
        return app;
    }

    /// <summary>The token's user as they are now: a demotion or removal applies on the next request.</summary>
    private static async Task<McpCaller> CallerAsync<T>(RequestContext<T> context, CancellationToken cancellationToken)
    {
        var user = context.User ?? throw new McpException("Sign in with an access token.");
        AgentHub.Core.Workspaces.WorkspaceActor actor;
        try
        {
            actor = await context.Services!.GetRequiredService<ActorResolver>().ResolveAsync(user, null, cancellationToken);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new McpException(ex.Message);
        }

        return new McpCaller(
            actor,
            Guid.Parse(user.FindFirstValue(AccessTokenAuthenticationHandler.TokenIdClaim)!),
            user.FindFirstValue(AccessTokenAuthenticationHandler.TokenNameClaim) ?? "",
            user.FindFirstValue(AccessTokenAuthenticationHandler.AccessClaim) == "write");
    }
}

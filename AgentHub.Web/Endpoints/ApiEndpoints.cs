using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// The authenticated REST API. Every resource exists twice: under `/api` for the caller's own workspace, and under
/// `/api/workspaces/{workspace_id}` by address, where any workspace but the caller's own answers 404.
/// </summary>
public static class ApiEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAgentHubApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireAuthorization(AuthServiceCollectionExtensions.ApiPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .AddEndpointFilter<AccessTokenScopeFilter>()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapIntegrationEndpoints();
        api.MapAuditEndpoints();
        api.MapOAuthApiEndpoints();
        api.MapTaskEndpoints();
        api.MapConversationEndpoints();
        api.MapApprovalEndpoints();
        api.MapScheduleEndpoints();
        api.MapAccessTokenEndpoints();
        api.MapMcpServerEndpoints();
        api.MapUsageEndpoints();
        api.MapWebhookApiEndpoints();
        api.MapGroup("/workspace").MapWorkspaceEndpoints();
        api.MapBrainEndpoints(app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentHub.Core.Brain.BrainOptions>>().Value.MaxFileBytes);

        var scoped = api.MapGroup("/workspaces/{workspace_id:guid}");
        scoped.MapIntegrationEndpoints("Workspace");
        scoped.MapAuditEndpoints("Workspace");
        scoped.MapWorkspaceEndpoints("Addressed");

        app.MapAuthEndpoints();
        app.MapWebhookReceiver();
        return app;
    }
}

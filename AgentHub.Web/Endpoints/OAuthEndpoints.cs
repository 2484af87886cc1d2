using AgentHub.Core.OAuth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// OAuth 2.0 connect: start an authorization (API), the provider's redirect back (browser), and the workspace's own
/// OAuth apps (owners).
/// </summary>
public static class OAuthEndpoints
{
    public const string CallbackPath = "/oauth/callback";

    public static RouteGroupBuilder MapOAuthApiEndpoints(this RouteGroupBuilder root, string namePrefix = "")
    {
        root.MapPost("/integrations/{agent_id}/{integration_id}/authorize", Authorize)
            .WithTags("Integrations")
            .WithName(namePrefix + "AuthorizeIntegration")
            .WithSummary("Starts an OAuth 2.0 authorization; send the browser to the returned authorization_url.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var apps = root.MapGroup("/workspace/oauth-apps").WithTags("Workspace");
        apps.MapGet("/", ListApps).WithName(namePrefix + "ListOAuthApps").WithSummary("OAuth-capable providers and where their app comes from (owners, admins).");
        apps.MapPut("/{provider_id}", SetApp).WithName(namePrefix + "SetOAuthApp").WithSummary("Registers the workspace's own OAuth app for a provider (owners).")
            .ProducesValidationProblem();
        apps.MapDelete("/{provider_id}", DeleteApp).WithName(namePrefix + "DeleteOAuthApp").WithSummary("Removes the workspace's own OAuth app (owners).");
        return root;
    }

    /// <summary>The redirect URI every provider sends the browser back to. Signed-in users only (Identity's cookie).</summary>
    public static IEndpointRouteBuilder MapOAuthCallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CallbackPath, Callback).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    public static async Task<Ok<AuthorizeResponse>> Authorize(
        [AsParameters] IntegrationRoute route, [FromBody] AuthorizeRequest? request, Caller caller, OAuthConnectService oauth, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AuthorizeResponse(await oauth.StartAsync(caller.Actor, route.AgentId, route.IntegrationId, request?.Settings, cancellationToken)));

    public static async Task<RedirectHttpResult> Callback(
        Caller caller,
        OAuthConnectService oauth,
        [FromQuery] string? state,
        [FromQuery] string? code,
        [FromQuery] string? error,
        CancellationToken cancellationToken)
    {
        var result = await oauth.CompleteAsync(caller.Actor, state, code, error, cancellationToken);
        var outcome = OAuthOutcome.Code(result.Code);
        // The page shows a sentence for the code; nothing from the provider's query string is echoed.
        return TypedResults.LocalRedirect(result is { AgentId: { } agent, ProviderId: { } provider }
            ? $"/agents/{Uri.EscapeDataString(agent)}/integrations/{Uri.EscapeDataString(provider)}?oauth={outcome}"
            : $"/integrations?oauth={outcome}");
    }

    public static async Task<Ok<OAuthAppListResponse>> ListApps(Caller caller, OAuthAppService apps, CancellationToken cancellationToken) =>
        TypedResults.Ok(new OAuthAppListResponse(apps.RedirectUri, await apps.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<Ok<OAuthAppView>> SetApp(
        [FromRoute(Name = "provider_id")] string providerId, [FromBody] OAuthAppRequest request, Caller caller, OAuthAppService apps, CancellationToken cancellationToken) =>
        TypedResults.Ok(await apps.SetAsync(caller.Actor, providerId, request.ClientId, request.ClientSecret, cancellationToken));

    public static async Task<NoContent> DeleteApp(
        [FromRoute(Name = "provider_id")] string providerId, Caller caller, OAuthAppService apps, CancellationToken cancellationToken)
    {
        await apps.DeleteAsync(caller.Actor, providerId, cancellationToken);
        return TypedResults.NoContent();
    }
}

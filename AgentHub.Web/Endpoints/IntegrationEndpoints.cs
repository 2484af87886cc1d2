using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The REST API over agents' integrations: list, get, configure, connect, disconnect.</summary>
public static class IntegrationEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/integrations")
            .WithTags("Integrations")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", ListAll).WithName("ListIntegrations").WithSummary("Every agent with its integrations.");
        group.MapGet("/{agent_id}", GetAgent).WithName("GetAgentIntegrations").WithSummary("One agent with its integrations.");
        group.MapGet("/{agent_id}/{integration_id}", GetIntegration).WithName("GetIntegration").WithSummary("One integration of an agent.");
        group.MapPost("/{agent_id}/{integration_id}/configure", Configure)
            .WithName("ConfigureIntegration")
            .WithSummary("Validates and stores credentials; the connection becomes pending.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/{agent_id}/{integration_id}/connect", Connect)
            .WithName("ConnectIntegration")
            .WithSummary("Tests the stored credentials against the provider and returns the outcome.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{agent_id}/{integration_id}/disconnect", Disconnect)
            .WithName("DisconnectIntegration")
            .WithSummary("Deletes the stored credentials; the connection becomes disconnected.");
        group.MapGet("/{agent_id}/{integration_id}/calls", GetCalls)
            .WithName("GetIntegrationCalls")
            .WithSummary("The integration's recent provider calls and usage over 24 hours and 7 days.");
        return app;
    }

    public static async Task<Ok<CallLogView>> GetCalls(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        CallLogService callLog, IActorAccessor actors, CancellationToken cancellationToken,
        [FromQuery] int take = 20)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return TypedResults.Ok(await callLog.GetAsync(actor, agentId, integrationId, take, cancellationToken));
    }

    public static async Task<Ok<IntegrationListResponse>> ListAll(
        IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return TypedResults.Ok(new IntegrationListResponse(await service.ListAsync(actor, cancellationToken)));
    }

    public static async Task<Ok<AgentIntegrationsView>> GetAgent(
        [FromRoute(Name = "agent_id")] string agentId,
        IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return TypedResults.Ok(await service.GetAgentAsync(actor, agentId, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> GetIntegration(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return WithETag(http, await service.GetAsync(actor, agentId, integrationId, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> Configure(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        [FromBody] ConfigureRequest request,
        HttpContext http, IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        var expectedVersion = http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch.Trim('"', ' ') : null;
        var view = await service.ConfigureAsync(actor, agentId, integrationId, request.Credentials, expectedVersion, cancellationToken);
        return WithETag(http, view);
    }

    public static async Task<Ok<ConnectionTestResult>> Connect(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return TypedResults.Ok(await service.ConnectAsync(actor, agentId, integrationId, VerificationMode.Interactive, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> Disconnect(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        return TypedResults.Ok(await service.DisconnectAsync(actor, agentId, integrationId, cancellationToken));
    }

    private static Ok<IntegrationView> WithETag(HttpContext http, IntegrationView view)
    {
        if (view.Version is { } version)
        {
            http.Response.Headers.ETag = $"\"{version}\"";
        }

        return TypedResults.Ok(view);
    }
}

/// <summary>The body of configure: credential field names to values.</summary>
public sealed record ConfigureRequest(Dictionary<string, string?>? Credentials);

/// <summary>Every agent with its integrations.</summary>
public sealed record IntegrationListResponse(IReadOnlyList<AgentIntegrationsView> Agents);

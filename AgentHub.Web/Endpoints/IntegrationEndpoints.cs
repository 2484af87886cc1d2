using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The REST API over agents' integrations: list, get, configure, connect, disconnect, calls, audit.</summary>
public static class IntegrationEndpoints
{
    /// <param name="namePrefix">Endpoint names are unique: the workspace-addressed copies are prefixed.</param>
    public static RouteGroupBuilder MapIntegrationEndpoints(this RouteGroupBuilder root, string namePrefix = "")
    {
        var group = root.MapGroup("/integrations").WithTags("Integrations");

        group.MapGet("/", ListAll).WithName(namePrefix + "ListIntegrations").WithSummary("Every agent with its integrations.");
        group.MapGet("/{agent_id}", GetAgent).WithName(namePrefix + "GetAgentIntegrations").WithSummary("One agent with its integrations.");
        group.MapGet("/{agent_id}/{integration_id}", GetIntegration).WithName(namePrefix + "GetIntegration").WithSummary("One integration of an agent.");
        group.MapPost("/{agent_id}/{integration_id}/configure", Configure)
            .WithName(namePrefix + "ConfigureIntegration")
            .WithSummary("Validates and stores credentials; the connection becomes pending.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/{agent_id}/{integration_id}/connect", Connect)
            .WithName(namePrefix + "ConnectIntegration")
            .WithSummary("Tests the stored credentials against the provider and returns the outcome.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthServiceCollectionExtensions.ConnectionTestsLimit);
        group.MapPost("/{agent_id}/{integration_id}/disconnect", Disconnect)
            .WithName(namePrefix + "DisconnectIntegration")
            .WithSummary("Deletes the stored credentials; the connection becomes disconnected. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{agent_id}/{integration_id}/calls", GetCalls)
            .WithName(namePrefix + "GetIntegrationCalls")
            .WithSummary("The integration's recent provider calls and usage over 24 hours and 7 days.");
        group.MapGet("/{agent_id}/{integration_id}/audit", GetAudit)
            .WithName(namePrefix + "GetIntegrationAudit")
            .WithSummary("The integration's audit trail (owners).");
        return root;
    }

    public static async Task<Ok<IntegrationListResponse>> ListAll(
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return TypedResults.Ok(new IntegrationListResponse(await service.ListAsync(actor, cancellationToken)));
    }

    public static async Task<Ok<AgentIntegrationsView>> GetAgent(
        [FromRoute(Name = "agent_id")] string agentId,
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return TypedResults.Ok(await service.GetAgentAsync(actor, agentId, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> GetIntegration(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return WithETag(http, await service.GetAsync(actor, agentId, integrationId, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> Configure(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        [FromBody] ConfigureRequest request,
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        var view = await service.ConfigureAsync(actor, agentId, integrationId, request.Credentials, IfMatch(http), cancellationToken);
        return WithETag(http, view);
    }

    public static async Task<Ok<ConnectionTestResult>> Connect(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return TypedResults.Ok(await service.ConnectAsync(actor, agentId, integrationId, VerificationMode.Interactive, cancellationToken));
    }

    public static async Task<Ok<IntegrationView>> Disconnect(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, IntegrationService service, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return WithETag(http, await service.DisconnectAsync(actor, agentId, integrationId, IfMatch(http), cancellationToken));
    }

    public static async Task<Ok<CallLogView>> GetCalls(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, CallLogService callLog, ActorResolver actors, CancellationToken cancellationToken,
        [FromQuery] int take = 20)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        return TypedResults.Ok(await callLog.GetAsync(actor, agentId, integrationId, take, cancellationToken));
    }

    public static async Task<Ok<AuditListResponse>> GetAudit(
        [FromRoute(Name = "agent_id")] string agentId,
        [FromRoute(Name = "integration_id")] string integrationId,
        HttpContext http, IntegrationService service, AuditService audit, ActorResolver actors, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(http, cancellationToken);
        var integration = await service.GetAsync(actor, agentId, integrationId, cancellationToken);
        return TypedResults.Ok(new AuditListResponse(await audit.ListAsync(actor, integration.Id, cancellationToken: cancellationToken)));
    }

    /// <summary>The version an If-Match header expects (the ETag of an earlier read), or null: no header, no check.</summary>
    private static string? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch.Trim('"', ' ') : null;

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

/// <summary>Audit entries, newest first.</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryView> Entries);

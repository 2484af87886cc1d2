using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The REST API over agents' integrations: list, get, configure, test values, connect, disconnect, calls, audit.</summary>
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
        group.MapPost("/{agent_id}/{integration_id}/test-values", TestValues)
            .WithName(namePrefix + "TestIntegrationValues")
            .WithSummary("Tests submitted credentials against the provider without storing them; a blank secret is the saved one. The connection is unchanged.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthServiceCollectionExtensions.ConnectionTestsLimit);
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

    public static async Task<Ok<IntegrationListResponse>> ListAll(Caller caller, IntegrationQueries service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new IntegrationListResponse(await service.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<CachedJson<AgentIntegrationsView>> GetAgent(
        [AsParameters] AgentRoute route, Caller caller, IntegrationQueries service, CancellationToken cancellationToken) =>
        new(await service.GetAgentAsync(caller.Actor, route.AgentId, cancellationToken));

    public static async Task<Ok<IntegrationView>> GetIntegration(
        [AsParameters] IntegrationRoute route, Caller caller, HttpContext http, IntegrationQueries service, CancellationToken cancellationToken) =>
        WithETag(http, await service.GetAsync(caller.Actor, route.AgentId, route.IntegrationId, cancellationToken));

    public static async Task<Ok<IntegrationView>> Configure(
        [AsParameters] IntegrationRoute route, [FromBody] ConfigureRequest request, Caller caller, HttpContext http, IntegrationService service, CancellationToken cancellationToken) =>
        WithETag(http, await service.ConfigureAsync(caller.Actor, route.AgentId, route.IntegrationId, request.Credentials, IfMatch(http), cancellationToken));

    public static async Task<Ok<TestValuesResponse>> TestValues(
        [AsParameters] IntegrationRoute route, [FromBody] TestValuesRequest request, Caller caller, ConnectionTester service, CancellationToken cancellationToken)
    {
        var outcome = await service.TestValuesAsync(caller.Actor, route.AgentId, route.IntegrationId, request.Credentials, VerificationMode.Interactive, cancellationToken);
        return TypedResults.Ok(new TestValuesResponse(ConnectionTestOutcome.From(outcome)));
    }

    public static async Task<Ok<ConnectionTestResult>> Connect(
        [AsParameters] IntegrationRoute route, Caller caller, ConnectionTester service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ConnectAsync(caller.Actor, route.AgentId, route.IntegrationId, VerificationMode.Interactive, cancellationToken));

    public static async Task<Ok<IntegrationView>> Disconnect(
        [AsParameters] IntegrationRoute route, Caller caller, HttpContext http, IntegrationService service, CancellationToken cancellationToken) =>
        WithETag(http, await service.DisconnectAsync(caller.Actor, route.AgentId, route.IntegrationId, IfMatch(http), cancellationToken));

    public static async Task<Ok<CallLogView>> GetCalls(
        [AsParameters] IntegrationRoute route, Caller caller, CallLogService callLog, CancellationToken cancellationToken, [FromQuery] int take = 20) =>
        TypedResults.Ok(await callLog.GetAsync(caller.Actor, route.AgentId, route.IntegrationId, take, cancellationToken));

    public static async Task<Ok<AuditListResponse>> GetAudit(
        [AsParameters] IntegrationRoute route, Caller caller, IntegrationQueries service, AuditService audit, CancellationToken cancellationToken)
    {
        var integration = await service.GetAsync(caller.Actor, route.AgentId, route.IntegrationId, cancellationToken);
        return TypedResults.Ok(new AuditListResponse(await audit.ListAsync(caller.Actor, integration.Id, cancellationToken: cancellationToken)));
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

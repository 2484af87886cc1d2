using AgentHub.Core.Connections;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentHub.Web.Endpoints;

/// <summary>Workspace-wide operations: test every configured connection at once.</summary>
public static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspace").WithTags("Workspace");
        group.MapPost("/test-all", TestAll)
            .WithName("TestAllConnections")
            .WithSummary("Tests every configured connection of the workspace concurrently.");
        return app;
    }

    public static async Task<Ok<TestAllResponse>> TestAll(IntegrationService service, IActorAccessor actors, CancellationToken cancellationToken)
    {
        var actor = await actors.GetActorAsync(cancellationToken);
        var started = DateTime.UtcNow;
        var results = await service.TestAllAsync(actor, cancellationToken: cancellationToken);
        return TypedResults.Ok(new TestAllResponse(results.Count, (DateTime.UtcNow - started).TotalMilliseconds, results));
    }
}

/// <summary>The outcome of "test all": how many connections were tested, how long it took, and each result.</summary>
public sealed record TestAllResponse(int Tested, double DurationMs, IReadOnlyList<ConnectionTestResult> Results);

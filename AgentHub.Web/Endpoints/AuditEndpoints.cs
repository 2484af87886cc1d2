using AgentHub.Core.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The workspace audit trail, read-only (owners).</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder root, string namePrefix = "")
    {
        root.MapGet("/audit", List).WithTags("Audit").WithName(namePrefix + "ListAudit").WithSummary("The workspace's audit trail, newest first (owners).");
        return root;
    }

    public static async Task<Ok<AuditListResponse>> List(
        Caller caller, AuditService audit, CancellationToken cancellationToken, [FromQuery] string? provider = null, [FromQuery] int take = 100) =>
        TypedResults.Ok(new AuditListResponse(await audit.ListAsync(caller.Actor, provider, take, cancellationToken)));
}

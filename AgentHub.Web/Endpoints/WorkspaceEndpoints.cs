using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The workspace: members, roles, invitations, and testing every connection at once.</summary>
public static class WorkspaceEndpoints
{
    /// <param name="group">`/api/workspace` (the caller's own) or `/api/workspaces/{workspace_id}`.</param>
    public static RouteGroupBuilder MapWorkspaceEndpoints(this RouteGroupBuilder group, string namePrefix = "")
    {
        group.WithTags("Workspace");
        group.MapGet("/", Get).WithName(namePrefix + "GetWorkspace").WithSummary("The workspace, its members and pending invitations.");
        group.MapPatch("/", Update).WithName(namePrefix + "UpdateWorkspace")
            .WithSummary("Renames the workspace or sets the language its agents answer in (owners).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost(
            "/invitations",
            Invite).WithName(namePrefix + "InviteMember").WithSummary("Invites someone by email (owners); returns the invitation link.")
            .ProducesValidationProblem();
        group.MapPut("/members/{user_id}/role", ChangeRole).WithName(namePrefix + "ChangeMemberRole").WithSummary("Changes a member's role (owners).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/test-all", TestAll).WithName(namePrefix + "TestAllConnections").WithSummary("Tests every configured connection concurrently.")
            .RequireRateLimiting(AuthServiceCollectionExtensions.ConnectionTestsLimit);
        return group;
    }

    public static async Task<Ok<WorkspaceView>> Get(Caller caller, WorkspaceService workspaces, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspaces.GetAsync(caller.Actor, cancellationToken));

    public static async Task<Ok<WorkspaceView>> Update(
        [FromBody] UpdateWorkspaceRequest request, Caller caller, WorkspaceService workspaces, CancellationToken cancellationToken)
    {
        await workspaces.UpdateAsync(caller.Actor, new WorkspaceSettings(request.Name, request.Language), cancellationToken);
        return TypedResults.Ok(await workspaces.GetAsync(caller.Actor, cancellationToken));
    }

    public static async Task<Created<InvitationCreated>> Invite(
        [FromBody] InviteRequest request, Caller caller, WorkspaceService workspaces, CancellationToken cancellationToken)
    {
        var role = WorkspaceRoleValidator.Parse(request.Role);
        var token = await workspaces.InviteAsync(caller.Actor, request.Email, role, cancellationToken);
        return TypedResults.Created((string?)null, new InvitationCreated(request.Email!.Trim(), role, workspaces.InvitationLink(token)));
    }

    public static async Task<NoContent> ChangeRole(
        [FromRoute(Name = "user_id")] string userId, [FromBody] RoleRequest request, Caller caller, WorkspaceService workspaces, CancellationToken cancellationToken)
    {
        await workspaces.ChangeRoleAsync(caller.Actor, userId, WorkspaceRoleValidator.Parse(request.Role), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<TestAllResponse>> TestAll(Caller caller, ConnectionTester service, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var results = await service.TestAllAsync(caller.Actor, cancellationToken: cancellationToken);
        return TypedResults.Ok(new TestAllResponse(results.Count, time.GetElapsedTime(started).TotalMilliseconds, results));
    }
}

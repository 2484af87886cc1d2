using AgentHub.Core.Tasks;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The approval inbox: every write an agent asked for waits here for an owner or admin.</summary>
public static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalEndpoints(this RouteGroupBuilder root, string namePrefix = "")
    {
        var approvals = root.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/", List).WithName(namePrefix + "ListApprovals").WithSummary("Approvals, newest first, optionally of one status (pending).")
            .ProducesValidationProblem();
        approvals.MapPost("/{approval_id:guid}/approve", Approve).WithName(namePrefix + "Approve")
            .WithSummary("Approves a pending write: AgentHub sends the recorded call exactly once and the task resumes with its result.");
        approvals.MapPost("/{approval_id:guid}/reject", Reject).WithName(namePrefix + "Reject")
            .WithSummary("Rejects a pending write: nothing is sent; the task resumes with \"rejected: reason\".")
            .ProducesValidationProblem();
        return root;
    }

    public static async Task<Ok<ApprovalListResponse>> List(Caller caller, ApprovalService approvals, [FromQuery] string? status, CancellationToken cancellationToken)
    {
        ApprovalStatus? parsed = string.IsNullOrEmpty(status) ? null
            : EnumNames<ApprovalStatus>.TryParse(status, out var s) ? s
            : throw new ValidationException([new ValidationFailure("status", $"status is one of {string.Join(", ", EnumNames<ApprovalStatus>.All)}.")]);
        return TypedResults.Ok(new ApprovalListResponse(await approvals.ListAsync(caller.Actor, parsed, cancellationToken)));
    }

    public static async Task<Ok<ApprovalView>> Approve(
        [FromRoute(Name = "approval_id")] Guid approvalId, Caller caller, ApprovalService approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await approvals.ApproveAsync(caller.Actor, approvalId, cancellationToken));

    public static async Task<Ok<ApprovalView>> Reject(
        [FromRoute(Name = "approval_id")] Guid approvalId, [FromBody] RejectRequest? request, Caller caller, ApprovalService approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await approvals.RejectAsync(caller.Actor, approvalId, request?.Reason, cancellationToken));
}

using AgentHub.Core.Schedules;
using AgentHub.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Schedules (recurring work) and the workspace's approval policies for writes.</summary>
public static class ScheduleEndpoints
{
    public static RouteGroupBuilder MapScheduleEndpoints(this RouteGroupBuilder root)
    {
        var schedules = root.MapGroup("/schedules").WithTags("Schedules");
        schedules.MapGet("/", List).WithName("ListSchedules").WithSummary("Every schedule, optionally of one helper, with its next occurrences and last run.");
        schedules.MapPost("/", Create).WithName("CreateSchedule")
            .WithSummary("Creates a schedule (owners, admins): a helper, an instruction, a cron expression or a preset, a time zone.")
            .ProducesValidationProblem();
        schedules.MapGet("/{schedule_id:guid}", Get).WithName("GetSchedule").WithSummary("A schedule with its next 5 occurrences (UTC) and its last run.");
        schedules.MapPut("/{schedule_id:guid}", Update).WithName("UpdateSchedule")
            .WithSummary("Replaces a schedule (owners, admins); its next occurrence is neither skipped nor doubled.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        schedules.MapDelete("/{schedule_id:guid}", Delete).WithName("DeleteSchedule").WithSummary("Deletes a schedule and its run history (owners, admins).");
        schedules.MapPost("/{schedule_id:guid}/run", Run).WithName("RunSchedule")
            .WithSummary("Runs the schedule's instruction now, once (202 with the task); its timing is unchanged.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthServiceCollectionExtensions.TasksLimit);
        schedules.MapGet("/{schedule_id:guid}/runs", Runs).WithName("ListScheduleRuns")
            .WithSummary("The schedule's last 50 runs, newest first: on_time, late, manual, missed (with how many) or skipped.");

        var policies = root.MapGroup("/approval-policies").WithTags("Approvals");
        policies.MapGet("/", ListPolicies).WithName("ListApprovalPolicies").WithSummary("Every write action with its policy: allow, ask (the default) or never.");
        policies.MapPut("/", SavePolicies).WithName("SaveApprovalPolicies")
            .WithSummary("Sets the policies named (owners, admins): {\"policies\": {\"instagram_publish_post\": \"allow\"}}.")
            .ProducesValidationProblem();
        return root;
    }

    public static async Task<Ok<ScheduleListResponse>> List(Caller caller, ScheduleService schedules, [FromQuery(Name = "agent_id")] string? agentId,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleListResponse(await schedules.ListAsync(caller.Actor, agentId, cancellationToken)));

    public static async Task<Created<ScheduleView>> Create([FromBody] SaveScheduleRequest request, Caller caller, ScheduleService schedules,
        CancellationToken cancellationToken)
    {
        var schedule = await schedules.CreateAsync(caller.Actor, request, cancellationToken);
        return TypedResults.Created($"/api/schedules/{schedule.Id}", schedule);
    }

    public static async Task<Ok<ScheduleView>> Get([FromRoute(Name = "schedule_id")] Guid scheduleId, Caller caller, ScheduleService schedules,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.GetAsync(caller.Actor, scheduleId, cancellationToken));

    public static async Task<Ok<ScheduleView>> Update([FromRoute(Name = "schedule_id")] Guid scheduleId, [FromBody] SaveScheduleRequest request, Caller caller,
        ScheduleService schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.UpdateAsync(caller.Actor, scheduleId, request, cancellationToken));

    public static async Task<NoContent> Delete([FromRoute(Name = "schedule_id")] Guid scheduleId, Caller caller, ScheduleService schedules,
        CancellationToken cancellationToken)
    {
        await schedules.DeleteAsync(caller.Actor, scheduleId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted<ScheduleRunView>> Run([FromRoute(Name = "schedule_id")] Guid scheduleId, Caller caller, ScheduleService schedules,
        CancellationToken cancellationToken)
    {
        var run = await schedules.RunNowAsync(caller.Actor, scheduleId, cancellationToken);
        return TypedResults.Accepted($"/api/tasks/{run.TaskId}", run);
    }

    public static async Task<Ok<ScheduleRunListResponse>> Runs([FromRoute(Name = "schedule_id")] Guid scheduleId, Caller caller, ScheduleService schedules,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleRunListResponse(await schedules.RunsAsync(caller.Actor, scheduleId, cancellationToken)));

    public static async Task<Ok<ApprovalPolicyListResponse>> ListPolicies(Caller caller, ApprovalPolicyService policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApprovalPolicyListResponse(await policies.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<Ok<ApprovalPolicyListResponse>> SavePolicies([FromBody] SaveApprovalPoliciesRequest request, Caller caller,
        ApprovalPolicyService policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApprovalPolicyListResponse(await policies.SaveAsync(caller.Actor, request, cancellationToken)));
}

public sealed record ApprovalPolicyListResponse([property: System.Text.Json.Serialization.JsonPropertyName("policies")] IReadOnlyList<ApprovalPolicyView> Policies);

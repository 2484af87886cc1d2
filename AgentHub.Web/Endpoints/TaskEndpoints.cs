using AgentHub.Core.Tasks;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Agent tasks: give one (owners, admins), list them, read one's timeline, cancel one.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder root, string namePrefix = "")
    {
        var tasks = root.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapPost("/", Create).WithName(namePrefix + "CreateTask")
            .WithSummary("Asks an agent to do something; the task runs in the background (202, Location: the task).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthServiceCollectionExtensions.TasksLimit);
        tasks.MapGet("/", List).WithName(namePrefix + "ListTasks").WithSummary("The newest tasks, optionally of one agent or status.")
            .ProducesValidationProblem();
        tasks.MapGet("/{task_id:guid}", Get).WithName(namePrefix + "GetTask").WithSummary("A task with its timeline, approvals, result or error.");
        tasks.MapPost("/{task_id:guid}/cancel", Cancel).WithName(namePrefix + "CancelTask").WithSummary("Cancels a task that has not ended.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return root;
    }

    public static async Task<Accepted<TaskView>> Create([FromBody] CreateTaskRequest request, Caller caller, TaskService tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.CreateAsync(caller.Actor, request, cancellationToken);
        return TypedResults.Accepted($"/api/tasks/{task.Id}", task);
    }

    public static async Task<Ok<TaskListResponse>> List(
        Caller caller, TaskService tasks, [FromQuery(Name = "agent_id")] string? agentId, [FromQuery] string? status, CancellationToken cancellationToken) =>
        TypedResults.Ok(new TaskListResponse(await tasks.ListAsync(caller.Actor, agentId, ParseStatus(status), cancellationToken: cancellationToken)));

    public static async Task<Ok<TaskView>> Get([FromRoute(Name = "task_id")] Guid taskId, Caller caller, TaskService tasks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.GetAsync(caller.Actor, taskId, cancellationToken));

    public static async Task<Ok<TaskView>> Cancel([FromRoute(Name = "task_id")] Guid taskId, Caller caller, TaskService tasks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.CancelAsync(caller.Actor, taskId, cancellationToken));

    private static AgentTaskStatus? ParseStatus(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : EnumNames<AgentTaskStatus>.TryParse(status, out var parsed) ? parsed
        : throw new ValidationException([new ValidationFailure("status", $"status is one of {string.Join(", ", EnumNames<AgentTaskStatus>.All)}.")]);
}

using AgentHub.Core.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>What the AI costs (owners and admins) and the workspace's monthly budget (members read it, owners set it).</summary>
public static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/usage", Report).WithTags("Usage").WithName("GetUsage")
            .WithSummary("Model tokens and cost from `from` to `to` (yyyy-MM-dd, UTC days; this month by default), grouped by day, agent, source or model.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/workspace/budget", GetBudget).WithTags("Usage").WithName("GetBudget")
            .WithSummary("The month's AI budget (tokens, cost or both), what the month used, and its state: none, ok, warning (80%) or exceeded.");
        api.MapPut("/workspace/budget", SaveBudget).WithTags("Usage").WithName("SetBudget")
            .WithSummary("Sets the month's AI budget (owners): monthly_tokens and/or monthly_cost in AI:Currency; null removes a limit.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<Ok<UsageReport>> Report(
        Caller caller, UsageQueries usage, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery(Name = "group_by")] string? groupBy,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await usage.ReportAsync(caller.Actor, from, to, groupBy, cancellationToken));

    public static async Task<Ok<BudgetView>> GetBudget(Caller caller, BudgetService budgets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await budgets.GetAsync(caller.Actor.WorkspaceId, cancellationToken));

    public static async Task<Ok<BudgetView>> SaveBudget([FromBody] SaveBudgetRequest request, Caller caller, BudgetService budgets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await budgets.SaveAsync(caller.Actor, request, cancellationToken));
}

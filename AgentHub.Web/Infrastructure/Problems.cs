using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Every problem the web layer answers with, built in one place so titles and texts cannot drift between the
/// middleware, filters and the exception handler that produce them (RFC 9457).
/// </summary>
public static class Problems
{
    public static ProblemDetails Of(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>A task asked for with no model configured: 409 naming the settings to set.</summary>
    public static ProblemDetails ModelNotConfigured(string detail)
    {
        var problem = Of(StatusCodes.Status409Conflict, "No model is configured", detail);
        problem.Extensions["settings"] = Core.Tasks.ModelNotConfiguredException.Settings;
        return problem;
    }

    /// <summary>409 with the month's budget as the `budget` extension (limits, use, state): what an owner raises.</summary>
    public static ProblemDetails BudgetExceeded(AgentHub.Core.Usage.BudgetExceededException spent)
    {
        var problem = Of(StatusCodes.Status409Conflict, "AI budget spent", spent.Message);
        var budget = spent.Budget;
        problem.Extensions["budget"] = new Dictionary<string, object?>
        {
            ["month"] = budget.Month,
            ["monthly_tokens"] = budget.MonthlyTokens,
            ["monthly_cost"] = budget.MonthlyCost,
            ["currency"] = budget.Currency,
            ["used_tokens"] = budget.UsedTokens,
            ["used_cost"] = budget.UsedCost,
            ["percent"] = budget.Percent,
        };
        return problem;
    }

    public static ProblemDetails TooLarge(long? limitBytes) => Of(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        limitBytes is { } limit ? $"The request body exceeds the {FormatSize(limit)} limit." : "The request body exceeds the limit.");

    public static ProblemDetails TooManyRequests(int retryAfterSeconds) => Of(
        StatusCodes.Status429TooManyRequests, "Too many requests", $"Slow down: try again in {retryAfterSeconds} seconds.");

    public static ProblemDetails CrossSiteRefused(string headerName) => Of(
        StatusCodes.Status403Forbidden,
        "Cross-site request refused",
        $"A request signed in with the cookie must carry the antiforgery token in the {headerName} header (GET /api/auth/antiforgery).");

    public static ProblemDetails RegistrationClosed() => Of(
        StatusCodes.Status403Forbidden, "Registration is closed", "This AgentHub does not accept new accounts. Ask an owner for an invitation.");

    /// <summary>The one answer to every refused sign-in (wrong password, unknown email, locked out, not allowed).</summary>
    public static ProblemDetails SignInFailed() => Of(StatusCodes.Status401Unauthorized, "Unauthorized", "Failed");

    public static ProblemDetails MalformedBody() => Of(
        StatusCodes.Status400BadRequest,
        "Malformed request body",
        "The request body is not valid JSON of the expected shape (or repeats a property). See the operation's schema in /openapi/v1.json.");

    /// <summary>Writes a problem as the response (for middleware that answers before an endpoint runs).</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    /// <summary>A problem as an endpoint result (for filters).</summary>
    public static IResult Result(ProblemDetails problem) => TypedResults.Problem(problem);

    private static string FormatSize(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB"
        : bytes % 1024 == 0 ? $"{bytes / 1024} KB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}

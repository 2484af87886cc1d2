using System.Text.Json;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// The one place where exceptions become RFC 9457 ProblemDetails. Known failures get their status and a sentence;
/// anything else is a 500 whose body says nothing about the exception (its message could hold a value).
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are not valid.",
            },
            NotFoundException notFound => Problems.Of(StatusCodes.Status404NotFound, "Not found", notFound.Message),
            ModelNotConfiguredException notConfigured => Problems.ModelNotConfigured(notConfigured.Message),
            AgentHub.Core.Usage.BudgetExceededException spent => Problems.BudgetExceeded(spent),
            PayloadTooLargeException tooLarge => Problems.Of(StatusCodes.Status413PayloadTooLarge, "Payload too large", tooLarge.Message),
            ConflictException conflict => Problems.Of(StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            UnauthorizedAccessException unauthorized => Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized", unauthorized.Message),
            ForbiddenException forbidden => Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", forbidden.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.TooLarge(
                httpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize),
            BadHttpRequestException { InnerException: JsonException } => Problems.MalformedBody(),
            BadHttpRequestException bad => Problems.Of(bad.StatusCode, "Bad request", bad.Message),
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Answers 413 ProblemDetails before binding when a declared Content-Length exceeds the endpoint's request size limit.
/// (Kestrel enforces the same limit on bodies without a length while they are read.)
/// </summary>
internal static class RequestSizeLimitGuard
{
    public static IApplicationBuilder UseRequestSizeLimitGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The request body exceeds the {max / 1024} KB limit.",
                },
            });
            return;
        }

        await next(context);
    });
}

using Microsoft.AspNetCore.Http.Metadata;

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
            await Problems.WriteAsync(context, Problems.TooLarge(max));
            return;
        }

        await next(context);
    });
}

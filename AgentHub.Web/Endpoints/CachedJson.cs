using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// A 200 with a JSON body, serialized once per value object: a value that the service hands out again (an agent's
/// view, kept until its connections change) is answered from its UTF-8 bytes. Under load, serialization and the
/// garbage it made were a third of <c>GET /api/integrations/{agent}</c>. The OpenAPI metadata is the same as
/// <see cref="Ok{TValue}"/>'s.
/// </summary>
public sealed class CachedJson<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
    where T : class
{
    private static readonly ConditionalWeakTable<T, byte[]> Serialized = new();

    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = Serialized.GetValue(Value, v => JsonSerializer.SerializeToUtf8Bytes(v, options));
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

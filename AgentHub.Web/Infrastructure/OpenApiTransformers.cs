using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentHub.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Makes /openapi/v1.json true, so a generated client works: the security schemes and which operations need them
/// (from each endpoint's authorization metadata), every path parameter of the route (a group's `{workspace_id}`
/// included), nullable enums a strict validator accepts, and the public base URL as the server.
/// </summary>
internal static partial class OpenApiTransformers
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DeclareSecurity);
        options.AddOperationTransformer(DeclareRouteParameters);
        options.AddSchemaTransformer(NullableEnums);
        options.AddSchemaTransformer(ProblemExtensions);
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "AgentHub API";
        document.Info.Description = "Agents, their integrations and connection tests. Errors are RFC 9457 problem details.";
        // The server is the public base URL, never the Host header of whoever fetched the document.
        var app = context.ApplicationServices.GetRequiredService<IOptions<AppOptions>>().Value;
        document.Servers = [new OpenApiServer { Url = app.PublicBaseUrl.TrimEnd('/') }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/auth/login (renew it with POST /api/auth/refresh).",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "AgentHub.Auth",
                Description = "The sign-in cookie (POST /api/auth/login?useCookies=true). Unsafe methods also need the X-XSRF-TOKEN header from GET /api/auth/antiforgery.",
            },
        };

        foreach (var (name, description) in TagDescriptions)
        {
            document.Tags ??= new HashSet<OpenApiTag>();
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Integrations"] = "Each agent's integrations: credentials, connection tests, calls and audit.",
        ["Workspace"] = "Members, roles, invitations, and testing every connection.",
        ["Audit"] = "Who changed what (owners).",
        ["Auth"] = "Accounts, sign-in and tokens (ASP.NET Core Identity).",
    };

    /// <summary>An operation whose endpoint requires authorization needs the bearer token or the cookie; others need nothing.</summary>
    private static Task DeclareSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
        ];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every `{parameter}` in the route is a required path parameter. Minimal APIs describe only the parameters a handler
    /// binds, so a group's `{workspace_id:guid}` was missing from the 13 addressed operations.
    /// </summary>
    private static Task DeclareRouteParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var template = context.Description.RelativePath ?? "";
        foreach (Match match in RouteParameter().Matches(template))
        {
            var name = match.Groups["name"].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }

            var isGuid = match.Groups["constraints"].Value.Contains(":guid", StringComparison.OrdinalIgnoreCase);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name == "workspace_id" ? "Your workspace's id (GET /api/workspace); any other answers 404." : null,
                Schema = isGuid ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A nullable enum is emitted as `oneOf [null, $ref]` whose referenced enum also lists null, so `null` matches both
    /// branches and a strict validator rejects it (oneOf wants exactly one). The enum keeps its values; null is the
    /// property's business.
    /// </summary>
    private static Task NullableEnums(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
        {
            schema.Enum = values.Where(v => v is not null).ToList();
            if (schema.Enum.All(v => v is JsonValue value && value.TryGetValue<string>(out _)))
            {
                schema.Type = JsonSchemaType.String;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Every problem response carries the `trace_id` extension (RFC 9457 allows extension members) for support requests;
    /// the schema says so, and says that other extensions may follow.
    /// </summary>
    private static Task ProblemExtensions(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) && schema.Properties is not null)
        {
            schema.Properties["trace_id"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's trace id, to quote when asking for support.",
            };
            schema.AdditionalPropertiesAllowed = true;
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraints>[^}]*)\}")]
    private static partial Regex RouteParameter();
}

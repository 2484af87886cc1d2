using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AgentHub.Web.Components;
using AgentHub.Web.Components.Account;
using AgentHub.Web.Components.Layout;
using AgentHub.Web.Components.Shared;
using AgentHub.Web.Diagnostics;
using AgentHub.Web.Endpoints;
using AgentHub.Web.Infrastructure;
using AgentHub.Web.Infrastructure.Localization;
using AgentHub.Web.Mcp;
using AgentHub.Web.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace AgentHub.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Blazor Server with MudBlazor, ProblemDetails for every API error, snake_case JSON and OpenAPI.</summary>
    public static IServiceCollection AddAgentHubWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Circuit retention is configurable (Blazor:Circuits:DisconnectedCircuitRetentionPeriod, ...MaxRetained):
        // it decides how long a closed tab's memory stays held.
        services.AddRazorComponents().AddInteractiveServerComponents(o => configuration.GetSection("Blazor:Circuits").Bind(o));
        // Snackbars at the bottom, where they cover neither the app bar nor the page's title.
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddAgentHubLocalization();
        services.AddAgentHubCircuitServices();

        // Pages (HTML) are compressed as they are sent; static files come precompressed from MapStaticAssets, and API
        // JSON is left alone (small, and CPU is the API's limit). The secrets in a page (antiforgery and component
        // state) are Data Protection output, different in every response, so compression reveals nothing (BREACH).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures (malformed JSON, wrong types) throw, so the one exception handler answers them as ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            // Parsers disagree on which of two equal keys wins, so a body that repeats one is refused (400).
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Identity's endpoints under /api/auth keep their documented camelCase contract (accessToken, refreshToken).
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, new DefaultJsonTypeInfoResolver
            {
                Modifiers = { IdentityContractNames },
            });
        });
        services.AddOpenApi(OpenApiTransformers.Configure);
        services.AddAgentHubDiagnostics(configuration);
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: [ReadinessCheck.Tag]);
        return services;
    }

    /// <summary>
    /// What the interactive components need, one instance per circuit: the UI action runner, the workspace state the
    /// pages share, and the integration actions; plus the actor resolver and the per-user connection-test gate. The bUnit
    /// host calls this too, so components are tested with the app's own registrations.
    /// </summary>
    public static IServiceCollection AddAgentHubCircuitServices(this IServiceCollection services)
    {
        services.TryAddScoped<ActorResolver>();
        services.TryAddSingleton<ConnectionTestGate>();
        services.AddLocalization();
        services.TryAddScoped<UserClock>();
        services.TryAddScoped<CircuitCulture>();
        services.TryAddTransient<MudBlazor.MudLocalizer, MudTextsLocalizer>();
        services.AddScoped<UiActionRunner>();
        services.AddScoped<WorkspaceState>();
        services.AddScoped<IntegrationActions>();
        return services;
    }

    private static void IdentityContractNames(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type.Namespace is not ("Microsoft.AspNetCore.Identity.Data" or "Microsoft.AspNetCore.Authentication.BearerToken"))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is MemberInfo member)
            {
                property.Name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            }
        }
    }

    public static WebApplication UseAgentHubPipeline(this WebApplication app)
    {
        // Only what a browser asks for as a page: API calls (JSON) skip the compression middleware altogether.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) &&
                       context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true),
            branch => branch.UseResponseCompression());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestSizeLimitGuard();
        app.UseAuthentication();
        app.UseAgentHubLocalization();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAgentHub(this WebApplication app)
    {
        app.MapStaticAssets();
        // Liveness runs no check at all (the process answers); readiness checks what serving needs. Both are anonymous
        // and say only Healthy or Unhealthy.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(
            "/readyz",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) }).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi();
        app.MapAgentHubApi();
        app.MapAccountEndpoints();
        app.MapThemePreference();
        app.MapPreferenceEndpoints();
        app.MapOAuthCallback();
        app.MapAgentHubDiagnostics();
        app.MapAgentHubMcp();
        app.MapAgentHubTelemetry();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

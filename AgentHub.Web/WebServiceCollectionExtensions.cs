using System.Text.Json;
using System.Text.Json.Serialization;
using AgentHub.Web.Components;
using AgentHub.Web.Endpoints;
using AgentHub.Web.Infrastructure;
using MudBlazor.Services;

namespace AgentHub.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Blazor Server with MudBlazor, ProblemDetails for every API error, snake_case JSON and OpenAPI.</summary>
    public static IServiceCollection AddAgentHubWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures (malformed JSON, wrong types) throw, so the one exception handler answers them as ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddOpenApi();

        services.AddSingleton<IActorAccessor, DefaultWorkspaceActorAccessor>();
        return services;
    }

    public static WebApplication UseAgentHubPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestSizeLimitGuard();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAgentHub(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapIntegrationEndpoints();
        app.MapWorkspaceEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

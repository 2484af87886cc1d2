using System.Diagnostics;
using AgentHub.Core.Common;
using AgentHub.Integrations.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentHub.Web.Telemetry;

/// <summary>
/// OpenTelemetry for operators: traces and metrics of ASP.NET Core, the outbound HttpClients (providers, the model, MCP
/// servers), EF Core and Microsoft.Extensions.AI (GenAI conventions, message content off), and AgentHub's own meter.
/// On only when something reads it: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, a Prometheus scraping endpoint
/// when <c>Telemetry:Prometheus:Enabled</c>, or <c>Telemetry:Enabled</c>. What could carry a secret or a person's data
/// is taken off the spans: request paths become their route template (a webhook key is a path segment), queries are
/// dropped (an API key may travel in one), outbound URLs keep their scheme and host only, SQL text and client addresses
/// are not recorded, nor exceptions (a message may quote a value).
/// </summary>
public static class TelemetrySetup
{
    public const string AiSource = "Experimental.Microsoft.Extensions.AI";

    public static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || configuration.GetValue<bool>("Telemetry:Prometheus:Enabled")
        || configuration.GetValue<bool>("Telemetry:Enabled");

    public static IServiceCollection AddAgentHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Enabled(configuration))
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("AgentHub", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(3)))
            .WithTracing(tracing => tracing
                .AddSource(AgentHubMetrics.MeterName, AiSource)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.EnrichWithHttpRequest = (activity, _) => Scrub(activity);
                    o.EnrichWithHttpResponse = (activity, response) =>
                    {
                        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)");
                        Scrub(activity);
                    };
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri)
                        {
                            activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}/");
                        }

                        if (request.Options.TryGetValue(EgressRequestOptions.ProviderId, out var provider))
                        {
                            activity.SetTag("agenthub.provider", provider);
                        }
                    };
                    o.EnrichWithHttpResponseMessage = (activity, response) =>
                        activity.SetTag("agenthub.outcome", (int)response.StatusCode is >= 200 and < 400 ? "ok" : "error");
                })
                .AddEntityFrameworkCoreInstrumentation(o => o.EnrichWithIDbCommand = (activity, _) =>
                {
                    activity.SetTag("db.query.text", null);
                    activity.SetTag("db.statement", null);
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(AgentHubMetrics.MeterName, AiSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        if (configuration.GetValue<bool>("Telemetry:Prometheus:Enabled"))
        {
            builder.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        return services;
    }

    public static WebApplication MapAgentHubTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Telemetry:Prometheus:Enabled"))
        {
            // Anonymous like /healthz: bind it to an internal address or filter it at the proxy (see the README).
            app.MapPrometheusScrapingEndpoint(app.Configuration["Telemetry:Prometheus:Path"] ?? "/metrics").AllowAnonymous().DisableRateLimiting();
        }

        return app;
    }

    /// <summary>Takes off a request span what may be a secret or a person's data.</summary>
    private static void Scrub(Activity activity)
    {
        activity.SetTag("url.query", null);
        activity.SetTag("client.address", null);
        activity.SetTag("client.port", null);
        activity.SetTag("network.peer.address", null);
        activity.SetTag("network.peer.port", null);
        if (activity.GetTagItem("url.path") is string path && path.StartsWith("/hooks/", StringComparison.Ordinal))
        {
            activity.SetTag("url.path", "/hooks/{provider_id}/{key}"); // the key is the address's secret
        }
    }
}

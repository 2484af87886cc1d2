using System.Diagnostics;
using AgentHub.Core.Actions;
using AgentHub.Core.Brain;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.OAuth;
using AgentHub.Core.Tasks;
using AgentHub.Integrations.Actions;
using AgentHub.Integrations.Brain;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using AgentHub.Integrations.Models;
using AgentHub.Integrations.OAuth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentHub.Integrations;

public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>The catalog, the generic verifier and the guarded egress client for provider calls.</summary>
    public static IServiceCollection AddAgentHubIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntegrationsOptions>()
            .Bind(configuration.GetSection("Integrations"))
            .Validate(o => o.Providers.Values.All(p => p.BaseUrl is null || AppOptions.IsValidBaseUrl(p.BaseUrl)),
                "Integrations:Providers:{id}:BaseUrl must be an absolute http or https URL without query, fragment or user info.")
            .ValidateOnStart();

        // Loaded (and proven consistent) while the host is built: a broken catalog stops startup.
        // So are its translations: a missing or empty display text stops startup too. Code that runs for a person (a
        // page) reads the catalog in that person's language; background work and the API read it in English.
        var catalogs = CatalogLoader.LoadEmbeddedLocalized();
        services.AddSingleton(catalogs);
        services.AddSingleton(catalogs.English);
        services.AddSingleton<IIntegrationCatalog>(catalogs);
        services.AddSingleton<ProviderRequestFactory>();
        services.AddSingleton<ProviderThrottle>();
        services.AddSingleton<ProviderExchange>();
        services.AddSingleton<IConnectionVerifier, CatalogConnectionVerifier>();
        services.AddSingleton<IOAuthGateway, CatalogOAuthGateway>();
        services.AddSingleton<ActionRequestFactory>();
        services.AddSingleton<IActionExecutor, CatalogActionExecutor>();
        services.AddSingleton<IBrainExtractor, BrainExtractor>();
        services.AddOptions<BrainFetchOptions>().Bind(configuration.GetSection(BrainOptions.Section));
        services.AddSingleton<IBrainFetcher, BrainFetcher>();
        services.TryAddSingleton<IEmbeddingSource, OpenAIChatClientSource>();
        services.TryAddSingleton<IChatClientSource, OpenAIChatClientSource>();
        // The model endpoint is the operator's choice (a local Ollama is loopback), so it is not behind the provider
        // egress guard; the OpenAI client retries and times out on its own. No request logging: the key is a header.
        services.AddHttpClient(OpenAIChatClientSource.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<EgressConnector>();
        services.AddTransient<EgressPolicyHandler>();
        services.AddHttpClient(ProviderExchange.EgressClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(EgressHandler)
            .AddHttpMessageHandler<EgressPolicyHandler>()
            .AddEgressResilience()
            // The default HttpClient logging writes full request URLs; SEMrush's key travels in the query string.
            .RemoveAllLoggers();

        // The Brain's web pages: the same guarded connect step, no retries (a page that fails is read again at its next sync).
        services.AddHttpClient(BrainFetcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(EgressHandler)
            .AddHttpMessageHandler<EgressPolicyHandler>()
            .RemoveAllLoggers();

        // Outside MCP servers: the same guarded connect step; a host the operator allows may be private (Mcp:Client:AllowedHosts).
        services.AddOptions<AgentHub.Core.Mcp.RemoteMcpOptions>().Bind(configuration.GetSection(AgentHub.Core.Mcp.RemoteMcpOptions.Section));
        services.AddTransient<Mcp.RemoteMcpGateway.TargetHandler>();
        services.AddHttpClient(Mcp.RemoteMcpGateway.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(EgressHandler)
            .AddHttpMessageHandler<Mcp.RemoteMcpGateway.TargetHandler>()
            .AddHttpMessageHandler<EgressPolicyHandler>()
            .RemoveAllLoggers();
        services.TryAddSingleton<AgentHub.Core.Mcp.IRemoteMcpGateway, Mcp.RemoteMcpGateway>();

        return services;
    }

    /// <summary>
    /// The primary handler of every outbound client that goes where users point it (providers, the Brain's web
    /// pages): the guarded connect step, no redirects followed for the caller, no cookies or proxy, short header
    /// limits, and no trace headers.
    /// </summary>
    private static SocketsHttpHandler EgressHandler(IServiceProvider services) => new()
    {
        ConnectCallback = services.GetRequiredService<EgressConnector>().ConnectAsync,
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxResponseHeadersLength = 64,
        // No traceparent/tracestate/baggage: AgentHub's trace ids are nobody else's business.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    };
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentHub.Core.Background;

public static class BackgroundServiceCollectionExtensions
{
    /// <summary>The background module: the lease store and the runner of recurring jobs.</summary>
    public static IServiceCollection AddAgentHubBackground(this IServiceCollection services)
    {
        services.TryAddSingleton<LeaseStore>();
        services.TryAddSingleton<RecurringJobRunner>();
        services.AddHostedService<RecurringJobHost>();
        return services;
    }

    /// <summary>Registers a recurring job (also resolvable as itself, for tests and diagnostics).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services)
        where TJob : class, IRecurringJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<IRecurringJob>(sp => sp.GetRequiredService<TJob>());
        return services;
    }

    /// <summary>Registers a queue worker as a hosted service (a test host can remove it by its type).</summary>
    public static IServiceCollection AddQueueWorker<TWorker>(this IServiceCollection services)
        where TWorker : QueueWorker =>
        services.AddHostedService<TWorker>();
}

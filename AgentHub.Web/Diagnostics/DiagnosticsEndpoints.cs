using System.Diagnostics;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace AgentHub.Web.Diagnostics;

/// <summary>
/// Measurement hooks for the benchmark suite. They exist only when `Diagnostics:Enabled` is true (bench/run turns it
/// on); a normal install maps none of them. They bind to loopback callers only.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>("Diagnostics:Enabled");

    public static IServiceCollection AddAgentHubDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.AddSingleton<SqlCommandCounter>();
            services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SqlCommandCounter>());
        }

        return services;
    }

    public static IEndpointRouteBuilder MapAgentHubDiagnostics(this IEndpointRouteBuilder app)
    {
        if (!IsEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            return app;
        }

        var group = app.MapGroup("/_diagnostics").ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip)
                    ? await next(context)
                    : TypedResults.NotFound());

        // The trivial endpoint the API throughput is compared with: no auth, static JSON.
        group.MapGet("/ping", () => TypedResults.Ok(new { ok = true }));

        group.MapGet("/memory", () =>
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            return TypedResults.Ok(new
            {
                managed_heap = GC.GetTotalMemory(forceFullCollection: true),
                working_set = process.WorkingSet64,
                gc_committed = GC.GetGCMemoryInfo().TotalCommittedBytes,
            });
        });

        group.MapGet("/sql-commands", (SqlCommandCounter counter) => TypedResults.Ok(new { count = counter.Count }));

        // Server-side time of the overview's data and an integration page's recent calls, for one workspace.
        // Empties the in-process read caches, so a measurement sees the database (the cold, worst case).
        group.MapPost("/clear-caches", (IMemoryCache cache) =>
        {
            (cache as MemoryCache)?.Compact(1.0);
            return TypedResults.NoContent();
        });

        group.MapGet("/timings", async (Guid workspace, string agent, string integration, int? runs,
            IntegrationQueries integrations, CallLogService callLog, IMemoryCache cache) =>
        {
            var actor = new WorkspaceActor(workspace, "bench", "bench", WorkspaceRole.Owner);
            var overview = new List<double>();
            var calls = new List<double>();
            for (var i = 0; i < (runs ?? 20); i++)
            {
                (cache as MemoryCache)?.Compact(1.0); // cold: from the database every time
                var watch = Stopwatch.StartNew();
                await integrations.ListAsync(actor);
                await callLog.ActivityAsync(actor);
                overview.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await callLog.GetAsync(actor, agent, integration);
                calls.Add(watch.Elapsed.TotalMilliseconds);
            }

            static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            return TypedResults.Ok(new { overview_ms = Median(overview), calls_ms = Median(calls) });
        });

        group.MapPost("/sweep", async (CallLogService callLog, IDbContextFactory<AgentHubDbContext> dbFactory) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var before = await db.ProviderCalls.CountAsync();
            var watch = Stopwatch.StartNew();
            var deleted = await callLog.SweepAsync();
            var after = await db.ProviderCalls.CountAsync();
            return TypedResults.Ok(new { before, deleted, after, ms = watch.Elapsed.TotalMilliseconds });
        });
        return app;
    }
}

using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Background;

/// <summary>
/// Runs every <see cref="IRecurringJob"/> at its interval, starting when the app starts, each under the database lease
/// <c>job:{name}</c> taken for the whole interval and not released: of several instances sharing the database, the
/// one that holds it runs the job, renews it at its next tick, and the others skip; if it dies, the lease expires and
/// another takes over within an interval. So each job runs once per interval, whatever the number of instances.
/// </summary>
public sealed partial class RecurringJobRunner(
    IEnumerable<IRecurringJob> jobs,
    LeaseStore leases,
    TimeProvider time,
    ILogger<RecurringJobRunner> logger)
{
    public static string LeaseName(string job) => $"job:{job}";

    /// <summary>Runs every job that is on, each at its interval, until <paramref name="stoppingToken"/> is cancelled.</summary>
    public Task RunAllAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Where(job => job.Interval > TimeSpan.Zero).Select(job => LoopAsync(job, job.Interval, stoppingToken)));

    /// <summary>One occurrence: runs the job if this instance takes (or holds) its lease; true when it ran.</summary>
    public async Task<bool> RunOnceAsync(IRecurringJob job, CancellationToken cancellationToken = default)
    {
        var interval = job.Interval;
        if (!await leases.TryAcquireAsync(LeaseName(job.Name), leases.InstanceId, interval, cancellationToken))
        {
            return false;
        }

        await job.RunAsync(cancellationToken);
        LogRan(logger, job.Name);
        return true;
    }

    private async Task LoopAsync(IRecurringJob job, TimeSpan interval, CancellationToken stoppingToken)
    {
        await Task.Yield(); // each job on its own, none holding up the host's start
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await RunOnceAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, job.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {Job} ran")]
    private static partial void LogRan(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recurring job {Job} failed; it runs again at its next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}

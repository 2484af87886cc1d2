using System.Collections.Concurrent;
using AgentHub.Core.Background;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Finds queued tasks (and running ones whose instance stopped) and runs each under a lease in the database, so that
/// of several instances sharing it exactly one runs a task. Wakes at once for work queued in this process and polls
/// for work queued elsewhere. Also settles approvals whose sending instance stopped mid-call.
/// </summary>
public sealed partial class TaskRunnerService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    TaskRunner runner,
    ApprovalService approvals,
    LeaseStore leases,
    TaskEvents events,
    IOptionsMonitor<TaskOptions> options,
    TimeProvider time,
    ILogger<TaskRunnerService> logger) : QueueWorker(time, logger)
{
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();

    /// <summary>A task's lease outlives its whole time budget, so it never expires under a live runner.</summary>
    public TimeSpan LeaseDuration => options.CurrentValue.MaxDuration + TimeSpan.FromMinutes(1);

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var started = await RunDueAsync(cancellationToken);
        await approvals.RecoverAbandonedAsync(cancellationToken);
        return started;
    }

    protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        events.WaitForWorkAsync(timeout, Time, cancellationToken);

    protected override Task DrainAsync() => Task.WhenAll(_inFlight.Values);

    /// <summary>Starts every due task this instance can lease, within its concurrency; returns how many it started.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Tasks.AsNoTracking()
                .Where(t => t.Status == AgentTaskStatus.Queued || t.Status == AgentTaskStatus.Running)
                .OrderBy(t => t.UpdatedAt)
                .Select(t => t.Id)
                .Take(50)
                .ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var taskId in due)
        {
            if (_inFlight.Count >= settings.Concurrency)
            {
                break;
            }

            if (_inFlight.ContainsKey(taskId) || !await leases.TryAcquireAsync(LeaseName(taskId), leases.InstanceId, LeaseDuration, cancellationToken))
            {
                continue; // running here already, or on another instance
            }

            started++;
            _inFlight[taskId] = Task.Run(() => RunLeasedAsync(taskId, cancellationToken), CancellationToken.None);
        }

        return started;
    }

    private async Task RunLeasedAsync(Guid taskId, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(taskId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTaskFailed(logger, taskId, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the task stays running and its lease is given back, so the next runner resumes it at once.
        }

        await leases.ReleaseAsync(LeaseName(taskId), leases.InstanceId, CancellationToken.None);
        _inFlight.TryRemove(taskId, out _);
        // A task that was queued again meanwhile (an approval decided here) starts without waiting for the poll.
        events.Wake();
    }

    public static string LeaseName(Guid taskId) => $"task:{taskId:N}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId} failed unexpectedly")]
    private static partial void LogTaskFailed(ILogger logger, Guid taskId, Exception exception);
}

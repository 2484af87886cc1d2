using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Background;

/// <summary>
/// The one loop shape of the queues in the database (tasks, webhook deliveries): a pass takes what is due, each item
/// under its own row lease, and passes follow one another while they find work; then the worker waits until work is
/// queued in this process or the poll interval passes (to find work other instances queued, and retries whose time
/// has come). A failed pass is logged and the loop goes on.
/// </summary>
public abstract partial class QueueWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    /// <summary>How long to wait for a wake-up before looking for work anyway.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Takes and starts what is due; returns how many items it took (0: nothing more to do now).</summary>
    protected abstract Task<int> RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Waits until work is queued in this process or <paramref name="timeout"/> passes.</summary>
    protected abstract Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>What to finish before the host stops (work started in the background).</summary>
    protected virtual Task DrainAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Common.Languages.UseEnglish();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await RunPassAsync(stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPassFailed(logger, ex, GetType().Name);
                }

                await WaitForWorkAsync(PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }

        await DrainAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of {Worker} failed; it looks for work again at its next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string worker);
}

using AgentHub.Core.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Runs the webhook processor on every instance: at once when a delivery was stored here, otherwise every poll interval
/// (to find deliveries other instances stored, and retries whose time has come). Sweeps old deliveries hourly.
/// </summary>
public sealed partial class WebhookProcessorService(
    WebhookProcessor processor,
    WebhookSignal signal,
    LeaseStore leases,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessorService> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await processor.ProcessDueAsync(leases.InstanceId, stoppingToken) > 0)
                {
                }

                if (time.GetUtcNow() >= nextSweep)
                {
                    LogSwept(logger, await processor.SweepAsync(stoppingToken));
                    nextSweep = time.GetUtcNow() + SweepInterval;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            await signal.WaitAsync(options.CurrentValue.PollInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook sweep deleted {Deleted} deliveries")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook processing pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

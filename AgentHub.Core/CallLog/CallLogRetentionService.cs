using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.CallLog;

/// <summary>Sweeps the call log on a timer so the table stays bounded however busy the providers are.</summary>
public sealed partial class CallLogRetentionService(
    IServiceProvider services,
    IOptionsMonitor<CallLogOptions> options,
    TimeProvider time,
    ILogger<CallLogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.SweepInterval, time);
        do
        {
            try
            {
                var deleted = await services.GetRequiredService<CallLogService>().SweepAsync(stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call log sweep deleted {Deleted} rows")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call log sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

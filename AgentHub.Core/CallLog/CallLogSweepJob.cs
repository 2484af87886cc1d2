using AgentHub.Core.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.CallLog;

/// <summary>Sweeps the call log every `CallLog:SweepInterval` so the table stays bounded however busy the providers are.</summary>
public sealed partial class CallLogSweepJob(CallLogService callLog, IOptionsMonitor<CallLogOptions> options, ILogger<CallLogSweepJob> logger) : IRecurringJob
{
    public string Name => "call-log-sweep";

    public TimeSpan Interval => options.CurrentValue.SweepInterval;

    public async Task RunAsync(CancellationToken cancellationToken) => LogSwept(logger, await callLog.SweepAsync(cancellationToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call log sweep deleted {Deleted} rows")]
    private static partial void LogSwept(ILogger logger, int deleted);
}

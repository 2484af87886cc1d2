using AgentHub.Core.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>Deletes webhook deliveries (and their payloads) older than `Webhooks:Retention`, once per `Webhooks:SweepInterval`.</summary>
public sealed partial class WebhookSweepJob(WebhookProcessor processor, IOptionsMonitor<WebhookOptions> options, ILogger<WebhookSweepJob> logger) : IRecurringJob
{
    public string Name => "webhook-sweep";

    public TimeSpan Interval => options.CurrentValue.SweepInterval;

    public async Task RunAsync(CancellationToken cancellationToken) => LogSwept(logger, await processor.SweepAsync(cancellationToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook sweep deleted {Deleted} deliveries")]
    private static partial void LogSwept(ILogger logger, int deleted);
}

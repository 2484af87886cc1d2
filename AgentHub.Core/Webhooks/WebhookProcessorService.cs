using AgentHub.Core.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Runs the webhook processor on every instance: at once when a delivery was stored here, otherwise every poll interval
/// (to find deliveries other instances stored, and retries whose time has come).
/// </summary>
public sealed class WebhookProcessorService(
    WebhookProcessor processor,
    WebhookSignal signal,
    LeaseStore leases,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessorService> logger) : QueueWorker(time, logger)
{
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => processor.ProcessDueAsync(leases.InstanceId, cancellationToken);

    protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, Time, cancellationToken);
}

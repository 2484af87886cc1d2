using System.Threading.RateLimiting;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Integrations.Http;

/// <summary>
/// Paces AgentHub's own calls to each provider within the catalog's documented limits, per workspace and provider
/// (limits are per key or account): a sliding window of requests, chained with a concurrency limit where the provider
/// documents one (Mailchimp). A call that cannot get a permit (queue full) is refused locally instead of adding to a
/// 429 storm.
/// </summary>
public sealed class ProviderThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<(Guid Workspace, string Provider)> _limiter;

    public ProviderThrottle(IntegrationCatalog catalog, int queueLimit = 8)
    {
        RateLimitSpec LimitOf(string providerId) => catalog.FindCheck(providerId)?.RateLimit ?? new RateLimitSpec(60, 60);

        var window = PartitionedRateLimiter.Create<(Guid Workspace, string Provider), (Guid, string)>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, k =>
            {
                var limit = LimitOf(k.Item2);
                return new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limit.Permits,
                    Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                    SegmentsPerWindow = Math.Clamp(limit.WindowSeconds, 1, 10),
                    QueueLimit = queueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                };
            }));
        var concurrency = PartitionedRateLimiter.Create<(Guid Workspace, string Provider), (Guid, string)>(key =>
            LimitOf(key.Provider).Concurrency is { } permits
                ? RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = permits,
                    QueueLimit = queueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(key));
        _limiter = PartitionedRateLimiter.CreateChained(window, concurrency);
    }

    public ValueTask<RateLimitLease> AcquireAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync((workspaceId, providerId), 1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}

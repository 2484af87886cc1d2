using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Integrations.Http;

/// <summary>
/// Paces AgentHub's own calls to each provider within the catalog's documented limits, per workspace and provider
/// (limits are per key or account). A call that would have to wait past its budget is refused locally instead of
/// adding to a 429 storm.
/// </summary>
public sealed class ProviderThrottle(IntegrationCatalog catalog) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>How many calls may wait for a permit; beyond that a call is refused at once.</summary>
    public int QueueLimit { get; init; } = 8;

    public ValueTask<RateLimitLease> AcquireAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken) =>
        _limiters.GetOrAdd($"{workspaceId:N}/{providerId}", _ => Create(providerId)).AcquireAsync(1, cancellationToken);

    internal RateLimiter Create(string providerId)
    {
        var limit = catalog.FindCheck(providerId)?.RateLimit ?? new RateLimitSpec(60, 60);
        return Create(limit, QueueLimit);
    }

    internal static RateLimiter Create(RateLimitSpec limit, int queueLimit)
    {
        var window = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            SegmentsPerWindow = Math.Clamp(limit.WindowSeconds, 1, 10),
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        if (limit.Concurrency is not { } concurrency)
        {
            return window;
        }

        var concurrent = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrency,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        return new ChainedLimiter(PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<int, int>(_ => RateLimitPartition.Get(0, _ => window)),
            PartitionedRateLimiter.Create<int, int>(_ => RateLimitPartition.Get(0, _ => concurrent))));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary>Adapts a chained partitioned limiter (window and concurrency) to a plain limiter.</summary>
    private sealed class ChainedLimiter(PartitionedRateLimiter<int> inner) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics(0);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(0, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            inner.AcquireAsync(0, permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

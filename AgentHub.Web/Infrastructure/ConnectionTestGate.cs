using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// The per-user connection-test limit for tests started from the pages (the API applies the same limit through the
/// rate-limiting middleware), so the UI cannot be used to turn AgentHub into a scanner either.
/// </summary>
public sealed class ConnectionTestGate : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConnectionTestGate(IOptionsMonitor<RateLimitOptions> options) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetFixedWindowLimiter(userId, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.CurrentValue.ConnectionTests.PermitLimit,
                Window = options.CurrentValue.ConnectionTests.Window,
                QueueLimit = 0,
            }));

    /// <summary>Takes one test permit for the user; null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? TryEnter(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Limits the unknown webhook keys one client address may try (`RateLimits:UnknownWebhookKeys`): each costs a
/// database lookup, and a run of them is someone guessing addresses. Only a 404 spends a permit; past the limit the
/// address is answered 429 before any lookup until the window ends. Known keys have their own per-key limit.
/// </summary>
public sealed class UnknownWebhookKeyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public UnknownWebhookKeyLimiter(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.UnknownWebhookKeys;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
    }

    /// <summary>True when this address has used all its misses of the window.</summary>
    public bool IsExhausted(HttpContext context) => _limiter.GetStatistics(Address(context))?.CurrentAvailablePermits == 0;

    /// <summary>Spends one permit of the address for a key that was not found.</summary>
    public void CountMiss(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(Address(context));
    }

    public void Dispose() => _limiter.Dispose();

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

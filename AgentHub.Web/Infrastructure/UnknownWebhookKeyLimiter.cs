using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Limits the unknown webhook keys one client address may try (`RateLimits:UnknownWebhookKeys`): a run of them is
/// someone guessing addresses. Only a 404 spends a permit; past the limit a miss is answered 429 until the window
/// ends. A known key is never refused by it (providers send from shared addresses); known keys have a per-key limit.
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

    /// <summary>Spends one permit of the address for a key that was not found; false once the window's permits are spent.</summary>
    public bool TryCountMiss(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(Address(context));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

namespace AgentHub.Core.Background;

/// <summary>
/// The one backoff of background work (webhook deliveries, token refreshes): the first delay, doubling with each
/// failure in a row up to a cap, with ±20 % jitter so that instances and connections that failed together do not
/// retry together. It computes when to try again; the work itself is retried by its queue, never by a loop here.
/// </summary>
public static class Backoff
{
    /// <summary>The delay after the <paramref name="failures"/>th failure in a row (1 for the first).</summary>
    public static TimeSpan Exponential(int failures, TimeSpan first, TimeSpan max)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}

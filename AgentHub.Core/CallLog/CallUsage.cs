namespace AgentHub.Core.CallLog;

/// <summary>Calls and failures of one provider over the last 24 hours and 7 days, and the cache hits that saved a call.</summary>
public sealed record CallUsage(string ProviderId, int Calls24h, int Errors24h, int Calls7d, int Errors7d)
{
    /// <summary>Action reads answered from the response cache in the last 24 hours (not provider calls).</summary>
    public int CacheHits24h { get; init; }

    public static CallUsage None(string providerId) => new(providerId, 0, 0, 0, 0);

    public double? ErrorRate24h => Calls24h == 0 ? null : (double)Errors24h / Calls24h;
    public double? ErrorRate7d => Calls7d == 0 ? null : (double)Errors7d / Calls7d;
}

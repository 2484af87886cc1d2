namespace AgentHub.Integrations.Catalog;

/// <summary>The provider's documented limit, used to throttle AgentHub's own calls.</summary>
public sealed record RateLimitSpec(int Permits, int WindowSeconds, int? Concurrency = null);

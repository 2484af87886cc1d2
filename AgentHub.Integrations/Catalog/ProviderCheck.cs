using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>A provider's definition together with how to verify it and how fast AgentHub may call it.</summary>
public sealed record ProviderCheck(ProviderDefinition Provider, CheckSpec Spec, RateLimitSpec RateLimit);

namespace AgentHub.Core.Catalog;

/// <summary>The link between an agent and a provider, with what this agent does with it.</summary>
public sealed record AgentIntegration(string ProviderId, string Description);

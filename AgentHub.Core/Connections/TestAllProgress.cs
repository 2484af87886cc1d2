namespace AgentHub.Core.Connections;

/// <summary>Progress of a "test all" run: checks finished, checks in all, and the provider that just finished.</summary>
public sealed record TestAllProgress(int Done, int Total, string? ProviderId);

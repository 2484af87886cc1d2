namespace AgentHub.Core.CallLog;

/// <summary>A workspace's recent activity per provider: call usage, and webhook events received in the last 24 hours.</summary>
public sealed record WorkspaceActivity(IReadOnlyDictionary<string, CallUsage> Usage, IReadOnlyDictionary<string, int> Events24h);

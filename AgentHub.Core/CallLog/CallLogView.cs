namespace AgentHub.Core.CallLog;

/// <summary>A connection's recent calls with its usage figures.</summary>
public sealed record CallLogView(CallUsage Usage, IReadOnlyList<ProviderCallView> Calls);

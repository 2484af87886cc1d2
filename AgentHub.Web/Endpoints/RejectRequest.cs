namespace AgentHub.Web.Endpoints;

/// <summary>Why an approval is rejected (the agent hears it as "rejected: reason").</summary>
public sealed record RejectRequest(string? Reason);

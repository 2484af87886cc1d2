namespace AgentHub.Core.Tasks;

/// <summary>Why a person rejected an approval (optional; the model hears it).</summary>
public sealed record Rejection(string? Reason);

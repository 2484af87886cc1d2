namespace AgentHub.Core.Common;

/// <summary>The request cannot be applied to the resource's current state (not configured yet, changed by someone else).</summary>
public sealed class ConflictException(string message) : Exception(message);

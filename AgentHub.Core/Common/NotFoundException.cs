namespace AgentHub.Core.Common;

/// <summary>The resource does not exist, or is not visible to the caller (which the caller must not be able to tell apart).</summary>
public sealed class NotFoundException(string message) : Exception(message);

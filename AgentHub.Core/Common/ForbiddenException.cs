namespace AgentHub.Core.Common;

/// <summary>The caller may see the resource but not change it.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

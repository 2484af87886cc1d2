namespace AgentHub.Integrations.Http;

/// <summary>The egress guard refused a destination; the message names the host, never a credential.</summary>
public sealed class EgressBlockedException(string message) : Exception(message);

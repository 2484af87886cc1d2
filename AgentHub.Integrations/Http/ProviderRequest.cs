using AgentHub.Core.Connections;

namespace AgentHub.Integrations.Http;

/// <summary>A verification request ready to send, or the reason it could not be built (invalid input): what checks and actions both hand to the ProviderExchange.</summary>
public sealed record ProviderRequest(
    HttpRequestMessage? Message,
    string Method,
    string Host,
    string Path,
    IReadOnlyList<string> Secrets,
    VerificationOutcome? Invalid);

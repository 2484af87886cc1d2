namespace AgentHub.Integrations.Http;

/// <summary>Per-request facts the egress pipeline reads from <see cref="HttpRequestMessage.Options"/>.</summary>
public static class EgressRequestOptions
{
    /// <summary>
    /// Set only when an operator configured `Integrations:Providers:{id}:BaseUrl` and the request goes there:
    /// such a target may be http and loopback or private (test doubles, sandboxes). Users can never set it.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> OperatorTarget = new("AgentHub.OperatorTarget");

    /// <summary>The catalog provider the request belongs to (throttling, resilience pipeline and call log key on it).</summary>
    public static readonly HttpRequestOptionsKey<string> ProviderId = new("AgentHub.ProviderId");

    public static bool IsOperatorTarget(this HttpRequestMessage request) =>
        request.Options.TryGetValue(OperatorTarget, out var value) && value;
}

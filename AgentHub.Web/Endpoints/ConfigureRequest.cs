namespace AgentHub.Web.Endpoints;

/// <summary>The body of configure: credential field names to values.</summary>
public sealed record ConfigureRequest(Dictionary<string, string?>? Credentials);

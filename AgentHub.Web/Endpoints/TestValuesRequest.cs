namespace AgentHub.Web.Endpoints;

/// <summary>The body of test-values: credential field names to values, as for configure (a blank secret is the saved one).</summary>
public sealed record TestValuesRequest(Dictionary<string, string?>? Credentials);

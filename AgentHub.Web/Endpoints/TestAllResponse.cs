using AgentHub.Core.Connections;

namespace AgentHub.Web.Endpoints;

/// <summary>The outcome of "test all": how many connections were tested, how long it took, and each result.</summary>
public sealed record TestAllResponse(int Tested, double DurationMs, IReadOnlyList<ConnectionTestResult> Results);

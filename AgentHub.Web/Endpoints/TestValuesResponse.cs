using AgentHub.Core.Connections;

namespace AgentHub.Web.Endpoints;

/// <summary>What a check of submitted credentials found. Nothing was stored: the connection is as it was.</summary>
public sealed record TestValuesResponse(ConnectionTestOutcome Outcome);

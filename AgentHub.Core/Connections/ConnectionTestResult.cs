namespace AgentHub.Core.Connections;

/// <summary>What a connection test found, and the integration as it stands afterwards.</summary>
public sealed record ConnectionTestResult(IntegrationView Integration, ConnectionTestOutcome Outcome);

using System.Diagnostics.Metrics;

namespace AgentHub.Core.Common;

/// <summary>
/// AgentHub's own meter ("AgentHub"), for operators: connection tests by outcome, tasks by final status, approval
/// decisions, webhook deliveries and token refreshes by outcome (model tokens are counted by the usage recorder).
/// Attributes are codes only (a provider id, an outcome, a status): never a value a person typed or a provider sent.
/// </summary>
public sealed class AgentHubMetrics
{
    public const string MeterName = "AgentHub";

    private readonly Counter<long> _connectionTests;
    private readonly Counter<long> _tasks;
    private readonly Counter<long> _approvals;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _tokenRefreshes;

    public AgentHubMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _connectionTests = meter.CreateCounter<long>("agenthub.connection.tests", "{test}", "Connection tests against providers, by provider and outcome.");
        _tasks = meter.CreateCounter<long>("agenthub.tasks", "{task}", "Tasks that ended, by helper and status.");
        _approvals = meter.CreateCounter<long>("agenthub.approvals", "{approval}", "Approval decisions, by provider and decision.");
        _webhookDeliveries = meter.CreateCounter<long>("agenthub.webhook.deliveries", "{delivery}", "Webhook deliveries processed, by provider and outcome.");
        _tokenRefreshes = meter.CreateCounter<long>("agenthub.token.refreshes", "{refresh}", "OAuth token refreshes, by provider and outcome.");
    }

    public void ConnectionTested(string providerId, string outcome) =>
        _connectionTests.Add(1, new("agenthub.provider", providerId), new("agenthub.outcome", outcome));

    public void TaskEnded(string agentId, string status) =>
        _tasks.Add(1, new("agenthub.agent", agentId), new("agenthub.task.status", status));

    public void ApprovalDecided(string providerId, string decision) =>
        _approvals.Add(1, new("agenthub.provider", providerId), new("agenthub.decision", decision));

    public void WebhookProcessed(string providerId, string outcome) =>
        _webhookDeliveries.Add(1, new("agenthub.provider", providerId), new("agenthub.outcome", outcome));

    public void TokenRefreshed(string providerId, string outcome) =>
        _tokenRefreshes.Add(1, new("agenthub.provider", providerId), new("agenthub.outcome", outcome));
}

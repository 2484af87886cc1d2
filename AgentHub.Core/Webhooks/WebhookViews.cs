using AgentHub.Core.Connections;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// A connection's webhook endpoint as its integration page and the API show it. <see cref="Address"/> (which holds the
/// key) is given to owners and admins only; secrets are never shown back, only whether they are set.
/// </summary>
public sealed record WebhookEndpointView(
    string ProviderId,
    string ProviderName,
    string? Address,
    bool Signed,
    string Scheme,
    string Setup,
    IReadOnlyList<CredentialFieldView> Secrets,
    bool Ready,
    int RejectedCount,
    DateTime? LastRejectedAt,
    int DuplicateCount,
    DateTime? LastDuplicateAt,
    DateTime KeyRotatedAt,
    IReadOnlyList<WebhookDeliveryView> Deliveries);

/// <summary>A delivery without its payload.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    string ProviderId,
    string EventId,
    string? EventType,
    string? SubjectId,
    string Status,
    int Attempts,
    int PayloadBytes,
    DateTime ReceivedAt,
    DateTime? ProcessedAt,
    DateTime? NextAttemptAt,
    string? LastError,
    int TasksStarted,
    string? SkippedReason)
{
    public static WebhookDeliveryView From(WebhookDelivery d) => new(
        d.Id, d.ProviderId, d.EventId, d.EventType, d.SubjectId, StatusName(d.Status), d.Attempts, d.PayloadBytes, d.ReceivedAt, d.ProcessedAt,
        d.Status == WebhookDeliveryStatus.Received ? d.NextAttemptAt : null, d.LastError, d.TasksStarted, d.SkippedReason);

    /// <summary>verified (stored, waiting or retrying), processed, dead_lettered.</summary>
    public static string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Received => "verified",
        WebhookDeliveryStatus.Processed => "processed",
        _ => "dead_lettered",
    };
}

/// <summary>A rule, stored or suggested by the catalog (suggested ones have no id and are off).</summary>
public sealed record WebhookRuleView(
    Guid? Id,
    string ProviderId,
    string ProviderName,
    string EventType,
    string AgentId,
    string AgentName,
    string Instruction,
    bool Enabled,
    bool Suggested);

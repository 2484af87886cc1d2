namespace AgentHub.Core.Webhooks;

/// <summary>A delivery without its payload, its skipped reason in the reader's language.</summary>
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
        d.Status == WebhookDeliveryStatus.Received ? d.NextAttemptAt : null, d.LastError, d.TasksStarted, WebhookSkippedReasons.InCurrentLanguage(d.SkippedReason));

    /// <summary>verified (stored, waiting or retrying), processed, dead_lettered.</summary>
    public static string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Received => "verified",
        WebhookDeliveryStatus.Processed => "processed",
        _ => "dead_lettered",
    };
}

namespace AgentHub.Core.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Verified and stored; waiting for (or between) processing attempts.</summary>
    Received,
    Processed,
    DeadLettered,
}

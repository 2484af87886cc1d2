namespace AgentHub.Core.Webhooks;

/// <summary>Why a delivery was refused (kept for counting and the debug log; the caller gets a bare 401).</summary>
public enum WebhookRejection
{
    None,
    NotConfigured,
    MissingSignature,
    BadSignature,
    StaleTimestamp,
    BadBasicCredentials,
}

namespace AgentHub.Core.Webhooks;

public enum WebhookReceiptKind
{
    /// <summary>No endpoint has this key (or the provider takes no webhooks): 404.</summary>
    NotFound,

    /// <summary>Verification failed: 401 with no detail, counted on the endpoint.</summary>
    Rejected,

    /// <summary>Verified and stored (or already stored): 200.</summary>
    Accepted,

    /// <summary>A handshake answered: 200 with <see cref="WebhookReceipt.Body"/>.</summary>
    Challenge,

    /// <summary>A GET to a provider that has no handshake: 405, not counted as a refused delivery.</summary>
    NoHandshake,

    /// <summary>A verified batch of more events than <see cref="WebhookOptions.MaxEventsPerDelivery"/>: 413, nothing stored.</summary>
    TooManyEvents,

    /// <summary>A handshake whose challenge is not of the shape the provider sends: 400, nothing signed.</summary>
    BadChallenge,
}

namespace AgentHub.Core.Webhooks;

/// <summary>
/// One verified event in the inbox, unique per endpoint and event id (the provider's, or the SHA-256 of the event).
/// The payload is Data Protection ciphertext. A processor leases the row (<see cref="LeaseOwner"/>, <see cref="LeaseExpiresAt"/>)
/// with one conditional update; finishing it is another, which only the holder of the lease can make.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxEventIdLength = 200;
    public const int MaxEventTypeLength = 128;
    public const int MaxSubjectLength = 256;

    public Guid Id { get; set; }
    public Guid EndpointId { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string ProviderId { get; set; }

    /// <summary>The provider's event id, or <c>sha256:{hex}</c> of the event's bytes when the provider gives none.</summary>
    public required string EventId { get; set; }
    public string? EventType { get; set; }
    public string? SubjectId { get; set; }
    public required string ProtectedPayload { get; set; }
    public int PayloadBytes { get; set; }

    /// <summary>Changed only by the entity's transitions (one conditional write each), never assigned by a service.</summary>
    public WebhookDeliveryStatus Status { get; init; }
    public int Attempts { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Tasks the workspace's rules started for this event.</summary>
    public int TasksStarted { get; set; }

    /// <summary>Why a matching rule started no task for this event (the id's shape, the task budget, the rule's author).</summary>
    public string? SkippedReason { get; set; }
}

namespace AgentHub.Core.Webhooks;

/// <summary>
/// A connection's webhook address and what verifies its deliveries. The address ends in a random key (256 bits) that
/// only its SHA-256 finds; the key itself and the signing secrets are Data Protection ciphertext, never shown back
/// (the key is shown to owners and admins as part of the address to register).
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string ProviderId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key in the address: what a delivery is looked up by.</summary>
    public required string KeyHash { get; set; }
    public required string ProtectedKey { get; set; }

    /// <summary>The verification secrets as one Data Protection payload (null until entered).</summary>
    public string? ProtectedSecrets { get; set; }

    /// <summary>The names (not values) of the stored secrets, comma-separated.</summary>
    public string? SecretNames { get; set; }

    /// <summary>Deliveries refused (bad or missing signature, stale timestamp, wrong Basic credentials).</summary>
    public int RejectedCount { get; set; }
    public DateTime? LastRejectedAt { get; set; }

    /// <summary>Deliveries received again after their first arrival (answered 200, nothing changed).</summary>
    public int DuplicateCount { get; set; }
    public DateTime? LastDuplicateAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime KeyRotatedAt { get; set; }
}

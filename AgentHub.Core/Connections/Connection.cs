namespace AgentHub.Core.Connections;

/// <summary>
/// A workspace's connection to one provider, shared by every agent that uses the provider.
/// Secret values live only in <see cref="ProtectedSecrets"/> (Data Protection ciphertext); non-secret values are in clear.
/// </summary>
public sealed class Connection
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string ProviderId { get; set; }
    public ConnectionStatus Status { get; set; }

    /// <summary>The reason of the last outcome, if any.</summary>
    public OutcomeReason? StatusReason { get; set; }
    public string? StatusMessage { get; set; }
    public string? ProviderMessage { get; set; }

    /// <summary>Non-secret values as a JSON object.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>The names (not values) of the secrets that are stored, comma-separated, so lists never decrypt.</summary>
    public string? SecretNames { get; set; }

    /// <summary>The secret values as one Data Protection payload, bound to this workspace and provider.</summary>
    public string? ProtectedSecrets { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastTestedAt { get; set; }
    public DateTime? LastConnectedAt { get; set; }

    /// <summary>Optimistic concurrency token: a new value on every write, checked by EF Core on SQLite and SQL Server alike.</summary>
    public Guid Version { get; set; }

    public bool IsConfigured => Status != ConnectionStatus.Disconnected && ProtectedSecrets is not null;
}

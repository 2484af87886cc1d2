namespace AgentHub.Core.Connections;

/// <summary>
/// A workspace's connection to one provider, shared by every agent that uses the provider.
/// Secret values live only in <see cref="ProtectedSecrets"/> (Data Protection ciphertext); non-secret values are in clear.
/// State changes only through <see cref="StoreCredentials"/>, <see cref="RecordTest"/> and <see cref="Clear"/>: each
/// sets every field its transition touches and rotates <see cref="Version"/>, so no branch can forget one.
/// </summary>
public sealed class Connection
{
    public const int MaxStatusMessageLength = 1024;
    public const int MaxProviderMessageLength = 512;

    private Connection()
    {
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string ProviderId { get; private set; } = "";
    public ConnectionStatus Status { get; private set; }

    /// <summary>The reason of the last outcome, if any.</summary>
    public OutcomeReason? StatusReason { get; private set; }
    public string? StatusMessage { get; private set; }
    public string? ProviderMessage { get; private set; }

    /// <summary>Non-secret values as a JSON object.</summary>
    public string? SettingsJson { get; private set; }

    /// <summary>The names (not values) of the secrets that are stored, comma-separated, so lists never decrypt.</summary>
    public string? SecretNames { get; private set; }

    /// <summary>The secret values as one Data Protection payload, bound to this workspace and provider.</summary>
    public string? ProtectedSecrets { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? LastTestedAt { get; private set; }
    public DateTime? LastConnectedAt { get; private set; }

    /// <summary>Optimistic concurrency token: a new value on every write, checked by EF Core on SQLite and SQL Server alike.</summary>
    public Guid Version { get; private set; }

    public bool IsConfigured => Status != ConnectionStatus.Disconnected && ProtectedSecrets is not null;

    /// <summary>A new, disconnected connection of a workspace to a provider.</summary>
    public static Connection Create(Guid workspaceId, string providerId, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        WorkspaceId = workspaceId,
        ProviderId = providerId,
        Status = ConnectionStatus.Disconnected,
        CreatedAt = now,
        UpdatedAt = now,
        Version = Guid.NewGuid(),
    };

    /// <summary>Stores validated credentials; the connection is pending until it is tested.</summary>
    public void StoreCredentials(string? settingsJson, IEnumerable<string> secretNames, string protectedSecrets, string pendingMessage, DateTime now)
    {
        SettingsJson = settingsJson;
        SecretNames = string.Join(',', secretNames.Order(StringComparer.Ordinal));
        ProtectedSecrets = protectedSecrets;
        SetStatus(ConnectionStatus.Pending, reason: null, pendingMessage, providerMessage: null, now);
    }

    /// <summary>Records the outcome of a connection test: connected on success, error otherwise.</summary>
    public void RecordTest(VerificationOutcome outcome, DateTime now)
    {
        LastTestedAt = now;
        if (outcome.IsSuccess)
        {
            LastConnectedAt = now;
        }

        SetStatus(outcome.IsSuccess ? ConnectionStatus.Connected : ConnectionStatus.Error, outcome.Reason, outcome.Message, outcome.ProviderMessage, now);
    }

    /// <summary>Deletes the stored credentials; the connection is disconnected.</summary>
    public void Clear(DateTime now)
    {
        SettingsJson = null;
        SecretNames = null;
        ProtectedSecrets = null;
        SetStatus(ConnectionStatus.Disconnected, reason: null, message: null, providerMessage: null, now);
    }

    private void SetStatus(ConnectionStatus status, OutcomeReason? reason, string? message, string? providerMessage, DateTime now)
    {
        Status = status;
        StatusReason = reason;
        StatusMessage = Bound(message, MaxStatusMessageLength);
        ProviderMessage = Bound(providerMessage, MaxProviderMessageLength);
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private static string? Bound(string? value, int max) => value is null || value.Length <= max ? value : value[..(max - 1)] + "…";
}

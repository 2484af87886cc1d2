namespace AgentHub.Core.Connections;

/// <summary>
/// A workspace's connection to one provider, shared by every agent that uses the provider.
/// Secret values live only in <see cref="ProtectedSecrets"/> (Data Protection ciphertext); non-secret values are in clear.
/// State changes only through its methods (<see cref="StoreCredentials"/>, <see cref="StoreAuthorization"/>, <see cref="RecordTest"/>, <see cref="Clear"/>, ...): each
/// sets every field its transition touches and rotates <see cref="Version"/>, so no branch can forget one.
/// </summary>
public sealed class Connection
{
    public const int MaxStatusMessageLength = 1024;
    public const int MaxProviderMessageLength = 512;
    public const int MaxAccountNameLength = 128;

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

    /// <summary>
    /// The account's name as the provider gave it at the last successful check (`@acme`, "Acme Support"): what an
    /// approver reads instead of an id. Cleared when the credentials change.
    /// </summary>
    public string? AccountName { get; private set; }

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

    /// <summary>How the secrets were obtained: typed into the credential form, or by an OAuth 2.0 authorization.</summary>
    public ConnectionAuthMethod AuthMethod { get; private set; }

    /// <summary>When the OAuth access token expires (null: a typed credential, or a token without an expiry).</summary>
    public DateTime? AccessTokenExpiresAt { get; private set; }

    /// <summary>When the OAuth tokens were last refreshed (or first obtained).</summary>
    public DateTime? TokensRefreshedAt { get; private set; }

    /// <summary>Transient refresh failures in a row, and when the background job may try again (backoff).</summary>
    public int RefreshFailures { get; private set; }
    public DateTime? NextRefreshAttemptAt { get; private set; }

    /// <summary>Optimistic concurrency token: a new value on every write, checked by EF Core on SQLite and SQL Server alike.</summary>
    public Guid Version { get; private set; }

    /// <summary>
    /// Changes only when the credentials, settings or authorization are replaced or cleared (not on a test or a token
    /// refresh): an approval pinned to it is sent only to the account it was previewed for.
    /// </summary>
    public Guid CredentialsVersion { get; private set; }

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
        CredentialsVersion = Guid.NewGuid(),
    };

    /// <summary>Stores validated credentials; the connection is pending until it is tested.</summary>
    public void StoreCredentials(string? settingsJson, IEnumerable<string> secretNames, string protectedSecrets, string pendingMessage, DateTime now)
    {
        SettingsJson = settingsJson;
        SecretNames = string.Join(',', secretNames.Order(StringComparer.Ordinal));
        ProtectedSecrets = protectedSecrets;
        CredentialsVersion = Guid.NewGuid();
        AccountName = null;
        SetTokens(ConnectionAuthMethod.Credentials, expiresAt: null, refreshedAt: null);
        SetStatus(ConnectionStatus.Pending, reason: null, pendingMessage, providerMessage: null, now);
    }

    /// <summary>
    /// Stores the tokens of an OAuth authorization (access and refresh token in the one protected payload, the access
    /// token under its credential field's name); the connection is pending until the check with the new token.
    /// </summary>
    public void StoreAuthorization(string? settingsJson, string tokenField, string protectedSecrets, DateTime? expiresAt, string pendingMessage, DateTime now)
    {
        SettingsJson = settingsJson;
        SecretNames = tokenField;
        ProtectedSecrets = protectedSecrets;
        CredentialsVersion = Guid.NewGuid();
        AccountName = null;
        SetTokens(ConnectionAuthMethod.OAuth2, expiresAt, now);
        SetStatus(ConnectionStatus.Pending, reason: null, pendingMessage, providerMessage: null, now);
    }

    /// <summary>
    /// Saves refreshed tokens: the new access token and, when the provider rotated it, the new refresh token, in one
    /// write. The status is kept (the next check tells whether the new token works).
    /// </summary>
    public void StoreRefreshedTokens(string protectedSecrets, DateTime? expiresAt, DateTime now)
    {
        ProtectedSecrets = protectedSecrets;
        SetTokens(ConnectionAuthMethod.OAuth2, expiresAt, now);
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>The provider refused the refresh token: only a new authorization helps.</summary>
    public void RequireReauthorization(string message, string? providerMessage, DateTime now)
    {
        RefreshFailures = 0;
        NextRefreshAttemptAt = null;
        SetStatus(ConnectionStatus.Error, OutcomeReason.ReauthorizationRequired, message, providerMessage, now);
    }

    /// <summary>A refresh failed for a passing reason: the status stays, the background job tries again at <paramref name="retryAt"/>.</summary>
    public void RecordRefreshFailure(DateTime retryAt)
    {
        RefreshFailures++;
        NextRefreshAttemptAt = retryAt;
    }

    /// <summary>Records the outcome of a connection test: connected on success, error otherwise.</summary>
    public void RecordTest(VerificationOutcome outcome, DateTime now)
    {
        LastTestedAt = now;
        if (outcome.IsSuccess)
        {
            LastConnectedAt = now;
            AccountName = outcome.AccountName ?? AccountName;
        }

        SetStatus(outcome.IsSuccess ? ConnectionStatus.Connected : ConnectionStatus.Error, outcome.Reason, outcome.Message, outcome.ProviderMessage, now);
    }

    /// <summary>Deletes the stored credentials; the connection is disconnected.</summary>
    public void Clear(DateTime now)
    {
        SettingsJson = null;
        SecretNames = null;
        ProtectedSecrets = null;
        CredentialsVersion = Guid.NewGuid();
        AccountName = null;
        SetTokens(ConnectionAuthMethod.Credentials, expiresAt: null, refreshedAt: null);
        SetStatus(ConnectionStatus.Disconnected, reason: null, message: null, providerMessage: null, now);
    }

    private void SetTokens(ConnectionAuthMethod method, DateTime? expiresAt, DateTime? refreshedAt)
    {
        AuthMethod = method;
        AccessTokenExpiresAt = expiresAt;
        TokensRefreshedAt = refreshedAt;
        RefreshFailures = 0;
        NextRefreshAttemptAt = null;
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

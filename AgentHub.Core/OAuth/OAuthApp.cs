namespace AgentHub.Core.OAuth;

/// <summary>
/// A workspace's own OAuth app (client) for one provider, registered by an owner. It wins over the operator's app.
/// The client secret is stored only as Data Protection ciphertext.
/// </summary>
public sealed class OAuthApp
{
    public const int MaxClientIdLength = 256;
    public const int MaxClientSecretLength = 512;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string ProviderId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ProtectedClientSecret { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

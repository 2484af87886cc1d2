using AgentHub.Core.Connections;

namespace AgentHub.Core.CallLog;

/// <summary>
/// One call AgentHub made to a provider. Holds no header values, no bodies and no query string: the path is recorded
/// with any secret masked, so the log can be shown to every member of the workspace.
/// </summary>
public sealed class ProviderCall
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string ProviderId { get; set; }
    public required string Method { get; set; }
    public required string Host { get; set; }
    public required string Path { get; set; }
    public int? StatusCode { get; set; }
    public OutcomeReason Reason { get; set; }
    public int DurationMs { get; set; }
    public bool Background { get; set; }

    /// <summary>Answered from AgentHub's response cache: no request reached the provider.</summary>
    public bool CacheHit { get; set; }
    public DateTime CreatedAt { get; set; }
}

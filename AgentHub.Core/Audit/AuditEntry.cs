namespace AgentHub.Core.Audit;

/// <summary>
/// One recorded change: who, when, in which workspace and integration, what changed (field names, never values) and
/// how it ended.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxDetailSentenceLength = 2000;

    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public string? ProviderId { get; set; }
    public string? AgentId { get; set; }

    /// <summary>The names of the fields or settings that changed, comma-separated.</summary>
    public string? Fields { get; set; }

    /// <summary>`succeeded`, `rejected`, `denied` or an outcome reason such as `auth_invalid`.</summary>
    public required string Outcome { get; set; }

    public string? Detail { get; set; }

    /// <summary>When the detail is one of Core's sentences: its key and arguments (JSON), so a page reads it in the reader's language.</summary>
    public string? DetailSentenceJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

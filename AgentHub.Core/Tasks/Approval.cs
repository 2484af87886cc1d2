namespace AgentHub.Core.Tasks;

/// <summary>
/// A write an agent asked for, held until a human decides. On approval AgentHub sends the recorded call itself, with
/// the recorded arguments, once: the status moves from pending to executing in one conditional write, under a lease.
/// </summary>
public sealed class Approval
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    /// <summary>The task whose model asked for the write; null for a write asked by an MCP client (<see cref="RequestedBy"/>).</summary>
    public Guid? TaskId { get; set; }

    /// <summary>The helper that asked; null for a write asked by an MCP client.</summary>
    public string? AgentId { get; set; }

    /// <summary>For a write an MCP client asked: the name of the access token it used (shown as "from …").</summary>
    public string? RequestedBy { get; set; }

    /// <summary>For a write an MCP client asked: the access token it used.</summary>
    public Guid? AccessTokenId { get; set; }

    /// <summary>For a tool of an outside MCP server (<see cref="ActionName"/> is the server's own tool name); null for a catalog action.</summary>
    public Guid? RemoteMcpServerId { get; set; }

    /// <summary>The model's id for the tool call, so the result goes back to the right request.</summary>
    public required string CallId { get; set; }

    public required string ProviderId { get; set; }
    public required string ActionName { get; set; }
    public required string Tool { get; set; }
    public required string ArgumentsJson { get; set; }
    public required string Preview { get; set; }

    /// <summary>The connected account's name when the write was asked (null: the provider does not say it).</summary>
    public string? AccountName { get; set; }

    /// <summary>
    /// The connection's credentials version when the write was asked (for an outside MCP server's tool, the server's
    /// version); null for approvals older than the pin.
    /// </summary>
    public Guid? ConnectionVersion { get; set; }
    /// <summary>Changed only by the entity's transitions (one conditional write each), never assigned by a service.</summary>
    public ApprovalStatus Status { get; init; }
    public DateTime CreatedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>What the provider answered (kept fields only), or why the call failed.</summary>
    public string? Result { get; set; }

    public DateTime? ExecutedAt { get; set; }

    public bool IsDecided => Status is not ApprovalStatus.Pending and not ApprovalStatus.Executing;
}

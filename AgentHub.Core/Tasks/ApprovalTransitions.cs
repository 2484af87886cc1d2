using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Every status change of an <see cref="Approval"/>, each one conditional write that names where it may come from, so
/// that of concurrent deciders (clicks, tabs, instances) exactly one wins. Each returns the rows it changed (0 or 1).
/// </summary>
public static class ApprovalTransitions
{
    /// <summary>Pending → Executing, only while the connection is still the one the preview named (same credentials version).</summary>
    public static Task<int> TakeForExecutionAsync(this AgentHubDbContext db, Guid id, string decidedBy, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.Id == id && a.Status == ApprovalStatus.Pending &&
                        (a.ConnectionVersion == null
                         || (a.RemoteMcpServerId == null && db.Connections.Any(c =>
                             c.WorkspaceId == a.WorkspaceId && c.ProviderId == a.ProviderId && c.CredentialsVersion == a.ConnectionVersion))
                         || (a.RemoteMcpServerId != null && db.RemoteMcpServers.Any(s =>
                             s.Id == a.RemoteMcpServerId && s.WorkspaceId == a.WorkspaceId && s.Version == a.ConnectionVersion))))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, ApprovalStatus.Executing)
                .SetProperty(a => a.DecidedBy, decidedBy)
                .SetProperty(a => a.DecidedAt, now), cancellationToken);

    /// <summary>
    /// Executing → Executed or Failed, with what the provider answered; also from Unknown, when an answer that took
    /// longer than the execution lease arrives after all (it is the truth the model should hear).
    /// </summary>
    public static Task<int> RecordExecutionAsync(this AgentHubDbContext db, Guid id, bool succeeded, string result, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.Id == id && (a.Status == ApprovalStatus.Executing || a.Status == ApprovalStatus.Unknown))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, succeeded ? ApprovalStatus.Executed : ApprovalStatus.Failed)
                .SetProperty(a => a.Result, result)
                .SetProperty(a => a.ExecutedAt, now), cancellationToken);

    /// <summary>Pending → Rejected for every write an access token asked over MCP: the token was revoked or its user lost the right.</summary>
    public static Task<int> RejectPendingOfTokenAsync(this AgentHubDbContext db, Guid tokenId, string reason, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.AccessTokenId == tokenId && a.Status == ApprovalStatus.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, ApprovalStatus.Rejected)
                .SetProperty(a => a.Reason, reason)
                .SetProperty(a => a.DecidedBy, "AgentHub")
                .SetProperty(a => a.DecidedAt, now), cancellationToken);

    /// <summary>Pending → Rejected: nothing is sent.</summary>
    public static Task<int> RejectAsync(this AgentHubDbContext db, Guid id, string? reason, string decidedBy, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.Id == id && a.Status == ApprovalStatus.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, ApprovalStatus.Rejected)
                .SetProperty(a => a.Reason, reason)
                .SetProperty(a => a.DecidedBy, decidedBy)
                .SetProperty(a => a.DecidedAt, now), cancellationToken);

    /// <summary>Executing → Unknown: the instance sending it stopped mid-call; it is never sent again.</summary>
    public static Task<int> MarkUnknownAsync(this AgentHubDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.Id == id && a.Status == ApprovalStatus.Executing)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApprovalStatus.Unknown).SetProperty(a => a.ExecutedAt, now), cancellationToken);

    /// <summary>Pending → Cancelled, for every approval of a cancelled task.</summary>
    public static Task<int> CancelPendingOfTaskAsync(this AgentHubDbContext db, Guid taskId, DateTime now, CancellationToken cancellationToken) =>
        db.Approvals
            .Where(a => a.TaskId == taskId && a.Status == ApprovalStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApprovalStatus.Cancelled).SetProperty(a => a.DecidedAt, now), cancellationToken);
}

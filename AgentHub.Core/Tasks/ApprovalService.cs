using System.Text.Json.Nodes;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Tasks;

/// <summary>
/// The approval inbox. Approving sends the recorded call exactly once: one request takes the approval's lease, moves it
/// from pending to executing in one conditional write, sends the call with the approval's id as idempotency key, and
/// records the answer; a second click, a second tab or a second instance finds it taken and gets its state. The task
/// then resumes with the real result; a rejection resumes it with "rejected: reason" and sends nothing.
/// </summary>
public sealed partial class ApprovalService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    ConnectionActionService actions,
    Mcp.RemoteMcpService remoteMcp,
    LeaseStore leases,
    AuditService audit,
    TaskEvents events,
    IntegrationQueries queries,
    AgentHubMetrics metrics,
    TimeProvider time,
    ILogger<ApprovalService> logger)
{
    public const int MaxReasonLength = 500;

    // The drawer's Inbox count is part of the workspace snapshot (read with the connection rows in one query); any
    // approval asked for, decided or cancelled in this process drops the snapshot (another instance's change shows
    // within the snapshot's lifetime).
    private readonly bool _evictsOnChange = EvictOnChange(events, queries);

    private static bool EvictOnChange(TaskEvents events, IntegrationQueries queries)
    {
        events.Changed += change =>
        {
            if (change.ApprovalsChanged)
            {
                queries.Evict(change.WorkspaceId);
            }
        };
        return true;
    }

    /// <summary>How long an approved call may take before another instance may declare its outcome unknown.</summary>
    public static readonly TimeSpan ExecutionLease = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ApprovalView>> ListAsync(WorkspaceActor actor, ApprovalStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Approvals.AsNoTracking().Where(a => a.WorkspaceId == actor.WorkspaceId);
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        var rows = await query.OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public Task<int> CountPendingAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        queries.PendingApprovalsAsync(workspaceId, cancellationToken);

    public async Task<ApprovalView> ApproveAsync(WorkspaceActor actor, Guid approvalId, CancellationToken cancellationToken = default)
    {
        var approval = await LoadAsync(actor, approvalId, cancellationToken);
        await audit.DemandManagerAsync(actor, AuditActions.Approve, "Audit_CanDecideApprovals", approval.ProviderId, approval.AgentId, cancellationToken);
        if (approval.Status != ApprovalStatus.Pending)
        {
            return View(approval); // already decided: the same answer for the second click
        }

        if (approval.AccessTokenId is { } tokenId && !await TokenMayStillWriteAsync(approval.WorkspaceId, tokenId, cancellationToken))
        {
            // Asked over MCP with a token revoked, expired or whose user lost the right since: not sent.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.RejectPendingOfTokenAsync(tokenId, TokenRevokedReason, time.GetUtcNow().UtcDateTime, cancellationToken);
            Publish(approval, AgentTaskStatus.Succeeded);
            return View(await LoadAsync(actor, approvalId, CancellationToken.None));
        }

        if (!await ExecuteAsync(approval, actor, actor.DisplayName, "approved", $"Approved by {actor.DisplayName}; AgentHub is sending it.", cancellationToken))
        {
            return View(await LoadAsync(actor, approvalId, cancellationToken)); // another request is carrying it out
        }

        await ResumeAsync(approval, CancellationToken.None);
        return View(await LoadAsync(actor, approvalId, CancellationToken.None));
    }

    /// <summary>
    /// Sends an approved (or allowed) write once: takes the approval's lease, moves it from pending to executing in
    /// one conditional write, sends the call with the approval's id as idempotency key and records the answer. False
    /// when another request had already taken it.
    /// </summary>
    private async Task<bool> ExecuteAsync(Approval approval, AuditActor actor, string decidedBy, string outcome, string stepText, CancellationToken cancellationToken)
    {
        var approvalId = approval.Id;
        var leaseName = LeaseName(approvalId);
        var owner = $"{leases.InstanceId}:{Guid.NewGuid():N}";
        if (!await leases.TryAcquireAsync(leaseName, owner, ExecutionLease, cancellationToken))
        {
            return false;
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var taken = await db.TakeForExecutionAsync(approvalId, decidedBy, now, cancellationToken);
                if (taken == 0)
                {
                    var current = await db.Approvals.AsNoTracking().SingleAsync(a => a.Id == approvalId, cancellationToken);
                    if (current.Status == ApprovalStatus.Pending)
                    {
                        await audit.RecordAsync(actor, AuditActions.Approve, "refused", approval.ProviderId, approval.AgentId,
                            detail: new Sentence("Audit_DetailConnectionChanged", approval.Tool), cancellationToken: cancellationToken);
                        throw new ConflictException(CoreText.Get("Tasks_ApprovalConnectionChanged"));
                    }

                    return false;
                }

                metrics.ApprovalDecided(approval.ProviderId, outcome);
                audit.Add(db, actor, AuditActions.Approve, outcome, approval.ProviderId, approval.AgentId, detail: approval.TaskId is { } task ? new Sentence("Audit_DetailToolForTask", approval.Tool, task) : new Sentence("Audit_DetailToolFromToken", approval.Tool, approval.RequestedBy ?? ""));
                AddStep(db, approval, TaskStepKind.ApprovalDecided, stepText, null, now);
                await db.SaveChangesAsync(cancellationToken);
            }

            Publish(approval, AgentTaskStatus.AwaitingApproval);
            var arguments = JsonNode.Parse(approval.ArgumentsJson)!.AsObject();
            // Once sent, the call's outcome is recorded whatever happens to the request that approved it.
            var sent = approval.RemoteMcpServerId is { } serverId
                ? await remoteMcp.InvokeAsync(approval.WorkspaceId, serverId, approval.ActionName, arguments, CancellationToken.None)
                : await actions.InvokeAsync(
                    approval.WorkspaceId, catalog.FindTool(approval.Tool)!, arguments, approvalId.ToString("N"), CancellationToken.None, approval.ConnectionVersion);
            LogExecuted(logger, approval.WorkspaceId, approval.Tool, sent.Succeeded);

            await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
            {
                var done = time.GetUtcNow().UtcDateTime;
                await db.RecordExecutionAsync(approvalId, sent.Succeeded, Text.Shorten(sent.Content, 7999), done, CancellationToken.None);
                audit.Add(db, actor, AuditActions.ExecuteAction, sent.Succeeded ? "succeeded" : "failed", approval.ProviderId, approval.AgentId,
                    detail: sent.HttpStatus is { } s ? new Sentence("Audit_DetailToolStatus", approval.Tool, s) : Sentence.Verbatim(approval.Tool));
                AddStep(db, approval, TaskStepKind.ToolResult,
                    sent.Succeeded ? $"Done: {Text.Shorten(sent.Content, 400)}" : sent.Content, sent.Succeeded, done);
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            await leases.ReleaseAsync(leaseName, owner, CancellationToken.None);
        }

        return true;
    }

    /// <summary>
    /// A write the workspace's policy allows without asking: sent at once, as an approved one is (once, audited
    /// "allowed by policy", in the Inbox's history); returns the approval as it ended.
    /// </summary>
    public async Task<Approval> ExecuteAllowedAsync(Approval approval, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(approval, actor, PolicyDecider, "allowed_by_policy", "Allowed by the workspace's approval policy; AgentHub is sending it.", cancellationToken);
        Publish(approval, AgentTaskStatus.Running);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        return await db.Approvals.AsNoTracking().SingleAsync(a => a.Id == approval.Id, CancellationToken.None);
    }

    /// <summary>Why a write asked over MCP was not sent: its token no longer speaks for a person who may write.</summary>
    public const string TokenRevokedReason = "The access token that asked for it was revoked or expired, or its user may no longer write.";

    private async Task<bool> TokenMayStillWriteAsync(Guid workspaceId, Guid tokenId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AccessTokens.AnyAsync(t => t.Id == tokenId && t.WorkspaceId == workspaceId && t.RevokedAt == null && t.ExpiresAt > now
            && t.Access == Accounts.AccessTokenAccess.Write
            && db.Users.Any(u => u.Id == t.UserId && u.WorkspaceId == workspaceId
                && (u.Role == Workspaces.WorkspaceRole.Admin || u.Role == Workspaces.WorkspaceRole.Owner)), cancellationToken); // stored as text: compared by name
    }

    /// <summary>Who decided an approval the policy allowed (shown as such in the Inbox's history).</summary>
    public const string PolicyDecider = "policy";

    public async Task<ApprovalView> RejectAsync(WorkspaceActor actor, Guid approvalId, string? reason, CancellationToken cancellationToken = default)
    {
        var approval = await LoadAsync(actor, approvalId, cancellationToken);
        await audit.DemandManagerAsync(actor, AuditActions.Reject, "Audit_CanDecideApprovals", approval.ProviderId, approval.AgentId, cancellationToken);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        FluentValidation.DefaultValidatorExtensions.ValidateAndThrow(RejectionValidator.Instance, new Rejection(reason));

        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var rejected = await db.RejectAsync(approvalId, reason, actor.DisplayName, now, cancellationToken);
            if (rejected == 0)
            {
                return View(await LoadAsync(actor, approvalId, cancellationToken));
            }

            metrics.ApprovalDecided(approval.ProviderId, "rejected");
            audit.Add(db, actor, AuditActions.Reject, "rejected", approval.ProviderId, approval.AgentId, detail: reason is null ? new Sentence("Audit_DetailRejectedNoReason", approval.Tool) : new Sentence("Audit_DetailRejected", approval.Tool, reason));
            AddStep(db, approval, TaskStepKind.ApprovalDecided, $"Rejected by {actor.DisplayName}: {reason ?? "no reason given"}", false, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await ResumeAsync(approval, CancellationToken.None);
        return View(await LoadAsync(actor, approvalId, CancellationToken.None));
    }

    /// <summary>
    /// An approval left executing by an instance that stopped mid-call (its lease expired): whether the provider acted
    /// is unknown, so it is not sent again; the task resumes and the model hears exactly that.
    /// </summary>
    public async Task<int> RecoverAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var executing = await db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Executing).ToListAsync(cancellationToken);
        var recovered = 0;
        foreach (var approval in executing)
        {
            var owner = $"{leases.InstanceId}:recover";
            if (!await leases.TryAcquireAsync(LeaseName(approval.Id), owner, TimeSpan.FromMinutes(1), cancellationToken))
            {
                continue; // still being carried out
            }

            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var marked = await db.MarkUnknownAsync(approval.Id, now, cancellationToken);
                if (marked > 0)
                {
                    AddStep(db, approval, TaskStepKind.Error,
                        "AgentHub stopped while sending this approved call, so whether it happened is unknown. It was not sent again.", false, now);
                    await db.SaveChangesAsync(cancellationToken);
                    await ResumeAsync(approval, cancellationToken);
                    recovered++;
                }
            }
            finally
            {
                await leases.ReleaseAsync(LeaseName(approval.Id), owner, CancellationToken.None);
            }
        }

        return recovered;
    }

    /// <summary>Queues the task again once none of its approvals is waiting (an MCP client's write has no task: it asks with `get_approval`).</summary>
    private async Task ResumeAsync(Approval approval, CancellationToken cancellationToken)
    {
        if (approval.TaskId is not { } taskId)
        {
            Publish(approval, AgentTaskStatus.Succeeded);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var resumed = await db.ResumeAsync(taskId, now, cancellationToken);
        Publish(approval, resumed > 0 ? AgentTaskStatus.Queued : AgentTaskStatus.AwaitingApproval);
    }

    private void Publish(Approval approval, AgentTaskStatus status) =>
        events.Publish(new TaskChanged(approval.WorkspaceId, approval.TaskId ?? Guid.Empty, approval.AgentId ?? "", status, ApprovalsChanged: true));

    private async Task<Approval> LoadAsync(WorkspaceActor actor, Guid approvalId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == approvalId && a.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Tasks_NoSuchApproval"));
    }

    private ApprovalView View(Approval approval) => ApprovalView.From(approval, catalog.FindProvider(approval.ProviderId)?.Name ?? approval.ProviderId);

    /// <summary>The decision or result on the asking task's timeline (an MCP client's write has none: the audit trail holds it).</summary>
    private static void AddStep(AgentHubDbContext db, Approval approval, TaskStepKind kind, string summary, bool? succeeded, DateTime at)
    {
        if (approval.TaskId is { } taskId)
        {
            db.TaskSteps.Add(Step(approval, taskId, kind, summary, succeeded, at));
        }
    }

    private static TaskStep Step(Approval approval, Guid taskId, TaskStepKind kind, string summary, bool? succeeded, DateTime at) => new()
    {
        TaskId = taskId,
        Kind = kind,
        Summary = Text.Shorten(summary, TaskStep.MaxSummaryLength - 1),
        Tool = approval.Tool,
        Effect = ActionEffect.Write,
        Succeeded = succeeded,
        ApprovalId = approval.Id,
        At = at,
    };

    private static string LeaseName(Guid approvalId) => $"approval:{approvalId:N}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Approved {Tool} in workspace {WorkspaceId} executed: succeeded {Succeeded}")]
    private static partial void LogExecuted(ILogger logger, Guid workspaceId, string tool, bool succeeded);
}

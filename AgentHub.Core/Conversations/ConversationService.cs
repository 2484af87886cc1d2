using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Conversations;

/// <summary>
/// Conversations with the helpers: start one, write in it (each message a turn the task runner runs, holding the
/// earlier turns), read it, follow a turn as it is written, delete it. Owners and admins talk; members read.
/// </summary>
public sealed class ConversationService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IChatClientSource models,
    StartConversationRequestValidator startValidator,
    PostMessageRequestValidator messageValidator,
    AuditService audit,
    TaskEvents events,
    TaskRunner runner,
    Usage.BudgetService budgets,
    Usage.UsageQueries usage,
    TimeProvider time)
{
    public const int ListLimit = 50;

    public static string TitleOf(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Text.Shorten(line, Conversation.MaxTitleLength - 1);
    }

    public async Task<ConversationView> StartAsync(WorkspaceActor actor, StartConversationRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.StartConversation, "Conversations_CanTalk", agentId: request.AgentId, cancellationToken: cancellationToken);
        await startValidator.ValidateAndThrowAsync(request, cancellationToken);
        var agent = catalog.FindAgent(request.AgentId!)!;
        var now = time.GetUtcNow().UtcDateTime;
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            AgentId = agent.Id,
            Title = TitleOf($"{agent.Name} · {now:yyyy-MM-dd HH:mm}"),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Conversations.Add(conversation);
        audit.Add(db, actor, AuditActions.StartConversation, "started", agentId: agent.Id);
        await db.SaveChangesAsync(cancellationToken);
        return View(conversation, []);
    }

    /// <summary>The newest conversations (by their last message), optionally with one helper.</summary>
    public async Task<IReadOnlyList<ConversationSummaryView>> ListAsync(
        WorkspaceActor actor, string? agentId = null, int limit = ListLimit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Conversations.AsNoTracking().Where(c => c.WorkspaceId == actor.WorkspaceId);
        if (!string.IsNullOrEmpty(agentId))
        {
            query = query.Where(c => c.AgentId == agentId);
        }

        return await query.OrderByDescending(c => c.UpdatedAt).Take(Math.Clamp(limit, 1, ListLimit))
            .Select(c => new ConversationSummaryView(c.Id, c.AgentId, c.Title, c.TurnCount,
                db.Tasks.Where(t => t.ConversationId == c.Id && t.TurnIndex == c.TurnCount).Select(t => (AgentTaskStatus?)t.Status).FirstOrDefault(),
                c.CreatedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<ConversationView> GetAsync(WorkspaceActor actor, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await FindAsync(db, actor, conversationId, cancellationToken);
        var turns = await db.Tasks.AsNoTracking().Where(t => t.ConversationId == conversationId).OrderBy(t => t.TurnIndex).ToListAsync(cancellationToken);
        var ids = turns.Select(t => t.Id).ToList();
        var steps = (await db.TaskSteps.AsNoTracking().Where(s => ids.Contains(s.TaskId) && s.Kind != TaskStepKind.Delta).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .ToLookup(s => s.TaskId);
        var approvals = (await db.Approvals.AsNoTracking().Where(a => a.TaskId != null && ids.Contains(a.TaskId.Value)).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken))
            .ToLookup(a => a.TaskId!.Value);
        var used = await usage.ForTasksAsync(actor.WorkspaceId, ids, cancellationToken);
        return View(conversation, turns.Select(t => TaskView.From(t, steps[t.Id].ToList(),
            approvals[t.Id].Select(a => ApprovalView.From(a, catalog.FindProvider(a.ProviderId)?.Name ?? a.ProviderId)).ToList()) with
        { Usage = used.GetValueOrDefault(t.Id) ?? Usage.UsageTotals.Zero }).ToList())
            with
        { Usage = await usage.ForConversationAsync(actor.WorkspaceId, conversationId, cancellationToken) };
    }

    /// <summary>Writes a message: a new turn, queued for the runner. Refused while the last turn is still being answered.</summary>
    public async Task<TurnAccepted> PostAsync(WorkspaceActor actor, Guid conversationId, PostMessageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await FindAsync(db, actor, conversationId, cancellationToken);
        await audit.DemandManagerAsync(actor, AuditActions.PostMessage, "Conversations_CanTalk", agentId: conversation.AgentId, cancellationToken: cancellationToken);
        await messageValidator.ValidateAndThrowAsync(request, cancellationToken);
        if (!models.IsConfigured)
        {
            throw new ModelNotConfiguredException();
        }

        await budgets.EnsureAvailableAsync(actor.WorkspaceId, cancellationToken);
        var agent = catalog.FindAgent(conversation.AgentId);
        var last = await db.Tasks.AsNoTracking().Where(t => t.ConversationId == conversationId && t.TurnIndex == conversation.TurnCount)
            .Select(t => (AgentTaskStatus?)t.Status).SingleOrDefaultAsync(cancellationToken);
        if (last is AgentTaskStatus.Queued or AgentTaskStatus.Running)
        {
            throw new ConflictException(CoreText.Get("Conversations_StillAnswering", agent?.Name ?? conversation.AgentId));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var text = request.Text!.Trim();
        var turn = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            AgentId = conversation.AgentId,
            Description = text,
            Status = AgentTaskStatus.Queued,
            CreatedBy = actor.UserId,
            ConversationId = conversationId,
            TurnIndex = conversation.TurnCount + 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.Add(turn);
        // The turn count moves only from the value read: of two messages written at once, one is taken.
        var moved = await db.Conversations
            .Where(c => c.Id == conversationId && c.TurnCount == conversation.TurnCount)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.TurnCount, conversation.TurnCount + 1)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Title, c => c.TurnCount == 0 ? TitleOf(text) : c.Title), cancellationToken);
        if (moved == 0)
        {
            throw new ConflictException(CoreText.Get("Conversations_StillAnswering", agent?.Name ?? conversation.AgentId));
        }

        audit.Add(db, actor, AuditActions.PostMessage, "queued", agentId: conversation.AgentId, detail: new Sentence("Audit_DetailTask", turn.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another message took this turn's place first (the unique conversation and turn index): an expected race.
            throw new ConflictException(CoreText.Get("Conversations_StillAnswering", agent?.Name ?? conversation.AgentId));
        }

        events.Publish(new TaskChanged(turn.WorkspaceId, turn.Id, turn.AgentId, AgentTaskStatus.Queued));
        return new TurnAccepted(conversationId, turn.Id, turn.TurnIndex);
    }

    public async Task DeleteAsync(WorkspaceActor actor, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await FindAsync(db, actor, conversationId, cancellationToken);
        await audit.DemandManagerAsync(actor, AuditActions.DeleteConversation, "Conversations_CanTalk", agentId: conversation.AgentId, cancellationToken: cancellationToken);
        var turnIds = await db.Tasks.Where(t => t.ConversationId == conversationId).Select(t => t.Id).ToListAsync(cancellationToken);
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteDeleteAsync(cancellationToken);
        audit.Add(db, actor, AuditActions.DeleteConversation, "deleted", agentId: conversation.AgentId, detail: Sentence.Verbatim(conversation.Title));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var id in turnIds)
        {
            // A turn running here stops now; on another instance its next save finds nothing to update.
            runner.Interrupt(id);
            events.Publish(new TaskChanged(actor.WorkspaceId, id, conversation.AgentId, AgentTaskStatus.Cancelled, ApprovalsChanged: true));
        }
    }

    /// <summary>A turn's steps written after <paramref name="afterStepId"/> (its streamed words included), and its state now.</summary>
    public async Task<TurnProgress> ReadTurnAsync(
        WorkspaceActor actor, Guid conversationId, Guid turnId, long afterStepId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var turn = await db.Tasks.AsNoTracking()
            .Where(t => t.Id == turnId && t.WorkspaceId == actor.WorkspaceId && (t.ConversationId == conversationId || conversationId == Guid.Empty))
            .Select(t => new { t.Status, t.Result, t.Error })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Conversations_NoSuchTurn"));
        var steps = await db.TaskSteps.AsNoTracking().Where(s => s.TaskId == turnId && s.Id > afterStepId).OrderBy(s => s.Id).Take(500)
            .ToListAsync(cancellationToken);
        // The state was read first: a turn seen finished had written all its steps, so they are in this read or an earlier one.
        var status = steps.Count == 500 ? AgentTaskStatus.Running : turn.Status;
        return new TurnProgress(turnId, status, turn.Result, turn.Error, steps.Select(TaskStepView.From).ToList());
    }

    private static async Task<Conversation> FindAsync(AgentHubDbContext db, WorkspaceActor actor, Guid conversationId, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == actor.WorkspaceId, cancellationToken)
        ?? throw new NotFoundException(CoreText.Get("Conversations_NoSuchConversation"));

    private static ConversationView View(Conversation c, IReadOnlyList<TaskView> turns) =>
        new(c.Id, c.AgentId, c.Title, c.TurnCount, c.CreatedAt, c.UpdatedAt, c.Summary, c.SummarizedTurns, turns);
}

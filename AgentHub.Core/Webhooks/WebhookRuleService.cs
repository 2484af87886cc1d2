using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// A workspace's rules "when {provider} sends {event type}, ask {agent} to {instruction}". The catalog's suggested
/// rules are listed beside the stored ones and do nothing until an owner or admin enables (saves) them.
/// </summary>
public sealed partial class WebhookRuleService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    SaveWebhookRuleRequestValidator validator,
    AuditService audit,
    TimeProvider time)
{
    public async Task<IReadOnlyList<WebhookRuleView>> ListAsync(WorkspaceActor actor, string? providerId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.WebhookRules.AsNoTracking()
            .Where(r => r.WorkspaceId == actor.WorkspaceId && (providerId == null || r.ProviderId == providerId))
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        var views = stored.Select(r => View(r.Id, r.ProviderId, r.EventType, r.AgentId, r.Instruction, r.Enabled, suggested: false)).ToList();
        foreach (var provider in catalog.Providers.Where(p => p.Webhook is not null && (providerId == null || p.Id == providerId)))
        {
            foreach (var template in provider.Webhook!.SuggestedRules.Where(t =>
                !stored.Any(r => r.ProviderId == provider.Id && r.EventType == t.EventType && r.AgentId == t.AgentId)))
            {
                views.Add(View(null, provider.Id, template.EventType, template.AgentId, template.Instruction, enabled: false, suggested: true));
            }
        }

        return views;
    }

    /// <summary>Creates or updates the rule for (provider, event type, agent).</summary>
    public async Task<WebhookRuleView> SaveAsync(WorkspaceActor actor, SaveWebhookRuleRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveWebhookRule, "Audit_CanManageWebhookRules", request.ProviderId, cancellationToken: cancellationToken);
        validator.ValidateAndThrow(request);
        var now = time.GetUtcNow().UtcDateTime;
        var eventType = request.EventType!.Trim();
        var instruction = request.Instruction!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.WebhookRules.SingleOrDefaultAsync(r => r.WorkspaceId == actor.WorkspaceId && r.ProviderId == request.ProviderId &&
            r.EventType == eventType && r.AgentId == request.AgentId, cancellationToken);
        if (rule is null)
        {
            rule = new WebhookRule
            {
                Id = Guid.NewGuid(),
                WorkspaceId = actor.WorkspaceId,
                ProviderId = request.ProviderId!,
                EventType = eventType,
                AgentId = request.AgentId!,
                Instruction = instruction,
                CreatedBy = actor.UserId,
                CreatedAt = now,
            };
            db.WebhookRules.Add(rule);
        }

        rule.Instruction = instruction;
        rule.Enabled = request.Enabled;
        rule.UpdatedAt = now;
        // Whoever saves a rule answers for it: its tasks run with that person's role, and stop when they lose it.
        rule.CreatedBy = actor.UserId;
        audit.Add(db, actor, AuditActions.SaveWebhookRule, rule.Enabled ? "enabled" : "disabled", providerId: rule.ProviderId, agentId: rule.AgentId,
            detail: new Sentence("Audit_DetailRule", rule.EventType, Text.Shorten(rule.Instruction, 200)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException(CoreText.Get("Webhooks_RuleSavedConcurrently"));
        }

        return View(rule.Id, rule.ProviderId, rule.EventType, rule.AgentId, rule.Instruction, rule.Enabled, suggested: false);
    }

    public async Task DeleteAsync(WorkspaceActor actor, Guid ruleId, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.DeleteWebhookRule, "Audit_CanManageWebhookRules", cancellationToken: cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.WebhookRules.SingleOrDefaultAsync(r => r.Id == ruleId && r.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Webhooks_NoSuchRule"));
        db.WebhookRules.Remove(rule);
        audit.Add(db, actor, AuditActions.DeleteWebhookRule, "deleted", providerId: rule.ProviderId, agentId: rule.AgentId, detail: Sentence.Verbatim(rule.EventType));
        await db.SaveChangesAsync(cancellationToken);
    }

    private WebhookRuleView View(Guid? id, string providerId, string eventType, string agentId, string instruction, bool enabled, bool suggested) => new(
        id, providerId, catalog.FindProvider(providerId)?.Name ?? providerId, eventType, agentId, catalog.FindAgent(agentId)?.Name ?? agentId,
        instruction, enabled, suggested);

}

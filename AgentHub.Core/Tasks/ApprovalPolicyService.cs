using System.Text.Json.Serialization;
using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Tasks;

/// <summary>One write action and what happens when a helper asks for it.</summary>
public sealed record ApprovalPolicyView(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("provider_id")] string ProviderId,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("policy")] ApprovalPolicyKind Policy);

/// <summary>`PUT /api/approval-policies`: tool → allow | ask | never; tools not named keep theirs.</summary>
public sealed record SaveApprovalPoliciesRequest([property: JsonPropertyName("policies")] Dictionary<string, string?>? Policies);

public sealed class SaveApprovalPoliciesRequestValidator : AbstractValidator<SaveApprovalPoliciesRequest>
{
    public SaveApprovalPoliciesRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.Policies).NotNull().WithMessage(_ => CoreText.Get("Tasks_PoliciesRequired")).OverridePropertyName("policies");
        RuleFor(r => r).Custom((request, context) =>
            ApprovalPolicies.Check(context, catalog, request.Policies, accepted: _ => true, refusedKey: "Tasks_PolicyUnknown"));
    }
}

/// <summary>
/// Each workspace's approval policies, per write action: ask every time (the default), allow without asking, never.
/// Owners and admins set them; a schedule may narrow them for its own runs.
/// </summary>
public sealed class ApprovalPolicyService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    SaveApprovalPoliciesRequestValidator validator,
    AuditService audit,
    TimeProvider time)
{
    /// <summary>Every write action of the catalog with the workspace's policy for it.</summary>
    public async Task<IReadOnlyList<ApprovalPolicyView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApprovalPolicies.AsNoTracking().Where(p => p.WorkspaceId == actor.WorkspaceId)
            .ToDictionaryAsync(p => p.Tool, p => p.Policy, StringComparer.Ordinal, cancellationToken);
        return catalog.Providers
            .SelectMany(p => p.Actions.Where(a => a.Effect == ActionEffect.Write).Select(a => new ApprovalPolicyView(
                a.ToolName, p.Id, p.Name, a.Title, stored.GetValueOrDefault(a.ToolName, ApprovalPolicyKind.Ask))))
            .ToList();
    }

    public async Task<IReadOnlyList<ApprovalPolicyView>> SaveAsync(WorkspaceActor actor, SaveApprovalPoliciesRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SetApprovalPolicy, "Audit_CanSetPolicies", cancellationToken: cancellationToken);
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var tools = request.Policies!.Keys.ToList();
            var stored = await db.ApprovalPolicies.Where(p => p.WorkspaceId == actor.WorkspaceId && tools.Contains(p.Tool)).ToListAsync(cancellationToken);
            foreach (var (tool, value) in request.Policies!)
            {
                var policy = ApprovalPolicies.Parse(value)!.Value;
                var row = stored.FirstOrDefault(p => p.Tool == tool);
                if ((row?.Policy ?? ApprovalPolicyKind.Ask) == policy)
                {
                    continue;
                }

                if (policy == ApprovalPolicyKind.Ask)
                {
                    db.ApprovalPolicies.Remove(row!); // the default is no row
                }
                else if (row is null)
                {
                    db.ApprovalPolicies.Add(new ApprovalPolicy { WorkspaceId = actor.WorkspaceId, Tool = tool, Policy = policy, UpdatedBy = actor.UserId, UpdatedAt = now });
                }
                else
                {
                    row.Policy = policy;
                    row.UpdatedBy = actor.UserId;
                    row.UpdatedAt = now;
                }

                var action = catalog.FindTool(tool)!;
                audit.Add(db, actor, AuditActions.SetApprovalPolicy, ApprovalPolicies.Name(policy), providerId: action.ProviderId, detail: Sentence.Verbatim(tool));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw new ConflictException(CoreText.Get("Tasks_PoliciesSavedConcurrently"));
            }
        }

        return await ListAsync(actor, cancellationToken);
    }

    /// <summary>The policy a write meets: the workspace's, narrowed by the schedule that started the task, if any.</summary>
    public async Task<ApprovalPolicyKind> EffectiveAsync(Guid workspaceId, Guid? scheduleId, string tool, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.ApprovalPolicies.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Tool == tool)
            .Select(p => (ApprovalPolicyKind?)p.Policy).SingleOrDefaultAsync(cancellationToken) ?? ApprovalPolicyKind.Ask;
        if (scheduleId is { } id)
        {
            var json = await db.Schedules.AsNoTracking().Where(s => s.Id == id && s.WorkspaceId == workspaceId).Select(s => s.PoliciesJson).SingleOrDefaultAsync(cancellationToken);
            if (ApprovalPolicies.FromJson(json).TryGetValue(tool, out var narrower))
            {
                policy = ApprovalPolicies.Stricter(policy, narrower);
            }
        }

        return policy;
    }
}

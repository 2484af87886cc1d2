using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Audit;

/// <summary>Writes and reads the workspace audit trail. Entries are written by the services that make the changes.</summary>
public sealed class AuditService(IDbContextFactory<AgentHubDbContext> dbFactory, TimeProvider time)
{
    public async Task RecordAsync(
        AuditActor actor,
        string action,
        string outcome,
        string? providerId = null,
        string? agentId = null,
        IEnumerable<string>? fields = null,
        Sentence? detail = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, actor, action, outcome, providerId, agentId, fields, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Members look; owners and admins change. For anyone else, records the refused <paramref name="action"/> in the
    /// audit trail ("members may not {what}", in English: the trail is data) and throws 403 "Only a workspace owner or
    /// admin can {what}." in the reader's language. <paramref name="what"/> is the <see cref="CoreText"/> key of what is
    /// refused ("Audit_CanChangeIntegrations": "change integrations").
    /// </summary>
    public async Task DemandManagerAsync(
        AuditActor actor, string action, string what, string? providerId = null, string? agentId = null, CancellationToken cancellationToken = default)
    {
        if (actor.CanManage)
        {
            return;
        }

        await RecordAsync(actor, action, "denied", providerId, agentId, detail: new Sentence("Audit_DetailMembersMayNot", new Sentence(what)), cancellationToken: cancellationToken);
        throw new ForbiddenException(CoreText.Get("Audit_OnlyManagerCan", CoreText.Get(what)));
    }

    /// <summary>Adds an entry to a context whose SaveChanges also saves the change it records (one transaction).</summary>
    public void Add(
        AgentHubDbContext db,
        AuditActor actor,
        string action,
        string outcome,
        string? providerId = null,
        string? agentId = null,
        IEnumerable<string>? fields = null,
        Sentence? detail = null)
    {
        var sentence = detail?.ToJson();
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = actor.WorkspaceId,
            UserId = actor.UserId,
            UserName = actor.DisplayName,
            Action = action,
            Outcome = outcome,
            ProviderId = providerId,
            AgentId = agentId,
            Fields = fields is null ? null : Bound(string.Join(',', fields.Distinct().Order(StringComparer.Ordinal)), 1024),
            Detail = detail is null ? null : Bound(detail.English(), 512),
            DetailSentenceJson = sentence is { Length: <= AuditEntry.MaxDetailSentenceLength } ? sentence : null,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>The newest entries of the actor's workspace, optionally of one provider. Owners only.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(
        AuditActor actor,
        string? providerId = null,
        int take = 100,
        CancellationToken cancellationToken = default)
    {
        if (!actor.CanReadTrail)
        {
            throw new ForbiddenException(CoreText.Get("Audit_OnlyOwnerReadsTrail"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking().Where(e => e.WorkspaceId == actor.WorkspaceId);
        if (providerId is not null)
        {
            query = query.Where(e => e.ProviderId == providerId);
        }

        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 500))
            .Select(e => new AuditEntryView(e.CreatedAt, e.UserId, e.UserName, e.Action, e.ProviderId, e.AgentId,
                e.Fields == null ? Array.Empty<string>() : e.Fields.Split(',', StringSplitOptions.None), e.Outcome, e.Detail,
                Sentence.FromJson(e.DetailSentenceJson)))
            .ToListAsync(cancellationToken);
    }

    private static string Bound(string value, int max) => value.Length <= max ? value : value[..max];
}

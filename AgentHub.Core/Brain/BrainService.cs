using System.Text;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Brain;

/// <summary>
/// The workspace's Brain: its business profile and its sources. Owners and admins manage; members read and search.
/// Adding or re-syncing a source answers at once with the source queued: the ingestion worker of some instance
/// extracts, chunks and indexes it.
/// </summary>
public sealed class BrainService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    AuditService audit,
    IBrainFetcher fetcher,
    BrainSearcher searcher,
    BrainSignal signal,
    IOptionsMonitor<BrainOptions> options,
    TimeProvider time)
{
    public const int ListLimit = 500;

    public async Task<BrainProfileView> GetProfileAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var language = await db.Workspaces.Where(w => w.Id == actor.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken);
        var profile = await db.BrainProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.WorkspaceId == actor.WorkspaceId, cancellationToken);
        return View(profile, language);
    }

    public async Task<BrainProfileView> SaveProfileAsync(WorkspaceActor actor, BrainProfileRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.UpdateBrain, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        await BrainProfileValidator.Instance.ValidateAndThrowAsync(request, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.BrainProfiles.SingleOrDefaultAsync(p => p.WorkspaceId == actor.WorkspaceId, cancellationToken);
        if (profile is null)
        {
            profile = new BrainProfile { WorkspaceId = actor.WorkspaceId };
            db.BrainProfiles.Add(profile);
        }

        profile.BusinessName = Clean(request.BusinessName);
        profile.Offer = Clean(request.Offer);
        profile.Audience = Clean(request.Audience);
        profile.Voice = Clean(request.Voice);
        profile.WordsToUse = Clean(request.WordsToUse);
        profile.WordsToAvoid = Clean(request.WordsToAvoid);
        profile.Website = Clean(request.Website);
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(db, actor, AuditActions.UpdateBrain, "succeeded", detail: new Sentence("Audit_DetailBrainProfile"));
        await db.SaveChangesAsync(cancellationToken);
        var language = await db.Workspaces.Where(w => w.Id == actor.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken);
        return View(profile, language);
    }

    public async Task<BrainSourceView> AddNoteAsync(WorkspaceActor actor, BrainNoteRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.AddBrainSource, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        await BrainNoteValidator.Instance.ValidateAndThrowAsync(request, cancellationToken);
        var data = Encoding.UTF8.GetBytes(request.Text!);
        return await AddAsync(actor, NewSource(actor, BrainSourceKind.Note, request.Title!.Trim()), data, cancellationToken);
    }

    /// <summary>
    /// Adds a web page, refused with a field message before any connection when its address is not one AgentHub may
    /// read (a private or loopback host, a scheme other than http or https).
    /// </summary>
    public async Task<BrainSourceView> AddUrlAsync(WorkspaceActor actor, BrainUrlRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.AddBrainSource, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > BrainSource.MaxUrlLength
            || !Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(address.UserInfo))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("url", CoreText.Get("Brain_UrlInvalid"))]);
        }

        if (await fetcher.RefusalAsync(address, cancellationToken) is { } refusal)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("url", refusal.InCurrentLanguage())]);
        }

        var source = NewSource(actor, BrainSourceKind.Url, Text.Shorten(address.Host + address.PathAndQuery.TrimEnd('/'), BrainSource.MaxTitleLength - 1));
        source.Url = address.AbsoluteUri;
        source.IncludeSitemap = request.IncludeSitemap;
        return await AddAsync(actor, source, data: null, cancellationToken);
    }

    /// <summary>Stores a file to index; over <see cref="BrainOptions.MaxFileBytes"/> nothing is stored (413).</summary>
    public async Task<BrainSourceView> AddFileAsync(WorkspaceActor actor, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.AddBrainSource, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        var max = options.CurrentValue.MaxFileBytes;
        var (data, tooLarge) = await BoundedRead.ReadAsync(content, max, cancellationToken);
        if (tooLarge)
        {
            throw new PayloadTooLargeException(CoreText.Get("Brain_FileTooLarge", max / (1024 * 1024)), max);
        }
        if (data.Length == 0)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("file", CoreText.Get("Brain_FileEmpty"))]);
        }

        var name = SafeFileName(fileName);
        return await ReplaceAsync(actor, name, data, cancellationToken)
            ?? await AddAsync(actor, NewSource(actor, BrainSourceKind.File, Text.Shorten(name, BrainSource.MaxTitleLength - 1), fileName: name), data, cancellationToken);
    }

    /// <summary>
    /// A file uploaded again under the name of one the workspace has: its content is replaced and it is read again
    /// (its current passages serve until the new ones are ready). Null when there is no such file.
    /// </summary>
    private async Task<BrainSourceView?> ReplaceAsync(WorkspaceActor actor, string fileName, byte[] data, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.BrainSources.AsNoTracking()
            .Where(s => s.WorkspaceId == actor.WorkspaceId && s.Kind == BrainSourceKind.File && s.FileName == fileName)
            .OrderBy(s => s.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Not while it is being read: that reading would finish with the old content over the new.
        var queued = await db.BrainSources
            .Where(s => s.Id == existing.Id && s.Status != BrainSourceStatus.Indexing)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, BrainSourceStatus.Queued).SetProperty(s => s.Progress, 0).SetProperty(s => s.Bytes, data.Length)
                .SetProperty(s => s.ErrorJson, (string?)null).SetProperty(s => s.UpdatedAt, now), cancellationToken);
        if (queued == 0)
        {
            throw new ConflictException(CoreText.Get("Brain_AlreadyIndexing", existing.Title));
        }

        await db.BrainSourceContents.Where(c => c.SourceId == existing.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Data, data), cancellationToken);
        audit.Add(db, actor, AuditActions.AddBrainSource, "replaced", detail: Sentence.Verbatim(existing.Title));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var view = BrainSourceView.From(await db.BrainSources.AsNoTracking().SingleAsync(s => s.Id == existing.Id, cancellationToken));
        signal.Wake();
        return view;
    }

    public async Task<IReadOnlyList<BrainSourceView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sources = await db.BrainSources.AsNoTracking()
            .Where(s => s.WorkspaceId == actor.WorkspaceId)
            .OrderByDescending(s => s.CreatedAt)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        return sources.Select(BrainSourceView.From).ToList();
    }

    public async Task<BrainSourceView> GetAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return BrainSourceView.From(await FindAsync(db, actor, id, cancellationToken));
    }

    /// <summary>Removes the source, its content and all its chunks, in one transaction.</summary>
    public async Task DeleteAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.DeleteBrainSource, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await FindAsync(db, actor, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BrainChunks.Where(c => c.SourceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.BrainSourceContents.Where(c => c.SourceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.BrainSources.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        audit.Add(db, actor, AuditActions.DeleteBrainSource, "deleted", detail: Sentence.Verbatim(source.Title));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Queues the source to be read and indexed again (its current chunks serve until the new ones are ready).</summary>
    public async Task<BrainSourceView> ResyncAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.ResyncBrainSource, "Audit_CanManageBrain", cancellationToken: cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await FindAsync(db, actor, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var queued = await db.BrainSources
            .Where(s => s.Id == id && s.Status != BrainSourceStatus.Queued && s.Status != BrainSourceStatus.Indexing)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, BrainSourceStatus.Queued).SetProperty(s => s.Progress, 0).SetProperty(s => s.UpdatedAt, now)
                .SetProperty(s => s.ErrorJson, (string?)null), cancellationToken);
        if (queued == 0)
        {
            throw new ConflictException(CoreText.Get("Brain_AlreadyIndexing", source.Title));
        }

        audit.Add(db, actor, AuditActions.ResyncBrainSource, "queued", detail: Sentence.Verbatim(source.Title));
        await db.SaveChangesAsync(cancellationToken);
        var queuedView = BrainSourceView.From(await db.BrainSources.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken));
        signal.Wake(); // after the answer is read: the worker may finish before the caller hears back
        return queuedView;
    }

    public Task<BrainSearchResults> SearchAsync(WorkspaceActor actor, string? query, int k = 5, CancellationToken cancellationToken = default) =>
        searcher.SearchAsync(actor.WorkspaceId, query ?? "", k, cancellationToken);

    /// <summary>A new source of the workspace, queued to be read.</summary>
    private BrainSource NewSource(WorkspaceActor actor, BrainSourceKind kind, string title, string? fileName = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new BrainSource
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            Kind = kind,
            Title = title,
            Status = BrainSourceStatus.Queued,
            FileName = fileName,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Stores a new source (with its content: a note's text, a file's bytes; a web page has none until read) and wakes the worker.</summary>
    private async Task<BrainSourceView> AddAsync(WorkspaceActor actor, BrainSource source, byte[]? data, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.BrainSources.Add(source);
        if (data is not null)
        {
            source.Bytes = data.Length;
            db.BrainSourceContents.Add(new BrainSourceContent { SourceId = source.Id, Data = data });
        }

        audit.Add(db, actor, AuditActions.AddBrainSource, "queued", detail: Sentence.Verbatim(source.Url ?? source.Title));
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return BrainSourceView.From(source);
    }

    private static async Task<BrainSource> FindAsync(AgentHubDbContext db, WorkspaceActor actor, Guid id, CancellationToken cancellationToken) =>
        await db.BrainSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == actor.WorkspaceId, cancellationToken)
        ?? throw new NotFoundException(CoreText.Get("Brain_NoSuchSource"));

    private static string SafeFileName(string? name)
    {
        var last = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]).Trim();
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == 0 ? "file" : clean;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static BrainProfileView View(BrainProfile? p, string language) =>
        new(p?.BusinessName, p?.Offer, p?.Audience, p?.Voice, p?.WordsToUse, p?.WordsToAvoid, p?.Website, language, p?.UpdatedAt);
}

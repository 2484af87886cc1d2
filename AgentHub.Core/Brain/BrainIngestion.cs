using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Brain;

/// <summary>
/// Reads one source (the caller holds its lease): extracts its text, cuts it into chunks and indexes them under a new
/// generation, then switches the source to that generation and removes the old chunks in one transaction. A failure
/// (an unreadable file, the time budget spent) removes what it wrote and leaves the source in error with the reason;
/// its previous chunks, if any, keep serving. Unchanged content (same hash) is not indexed again.
/// </summary>
public sealed partial class BrainIngestion(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IBrainExtractor extractor,
    IBrainFetcher fetcher,
    IEmbeddingSource embeddings,
    BrainSignal signal,
    IOptionsMonitor<BrainOptions> options,
    TimeProvider time,
    ILogger<BrainIngestion> logger)
{
    private const int BatchSize = 200;
    private const int EmbeddingBatch = 64;

    public async Task IngestAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        if (await ReadSourceAsync(sourceId, cancellationToken) is { } workspaceId)
        {
            signal.Publish(workspaceId); // open Brain pages show the outcome
        }
    }

    /// <summary>Reads the source; returns its workspace when there was one to read.</summary>
    private async Task<Guid?> ReadSourceAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        BrainSource source;
        byte[] data;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.BrainSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
            if (found is null || found.Status is BrainSourceStatus.Ready or BrainSourceStatus.Error)
            {
                return null; // deleted meanwhile, or already done by another instance
            }

            source = found;
            data = await db.BrainSourceContents.Where(c => c.SourceId == sourceId).Select(c => c.Data).SingleOrDefaultAsync(cancellationToken) ?? [];
            await SetProgressAsync(db, sourceId, BrainSourceStatus.Indexing, 0, cancellationToken);
        }

        signal.Publish(source.WorkspaceId);

        var generation = source.Generation + 1;
        using var budget = new CancellationTokenSource(settings.SourceTimeBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var read = await ReadAsync(source, data, settings, linked.Token);
            if (read is null)
            {
                // A web page that has not changed since it was read (its ETag or Last-Modified said so).
                await FinishAsync(sourceId, source.Generation, source.ChunkCount, source.ContentHash ?? "", source.MediaType, null, null, cancellationToken);
                LogUnchanged(logger, sourceId);
                return source.WorkspaceId;
            }

            var (document, chunks, validators) = read.Value;

            // A page is named by its <title> once read (until then by its address).
            var title = source.Kind == BrainSourceKind.Url && !string.IsNullOrWhiteSpace(document.Title)
                ? Text.Shorten(document.Title.Trim(), BrainSource.MaxTitleLength - 1)
                : null;
            if (chunks.Count == 0)
            {
                throw new BrainExtractionException(new Sentence("Brain_NoText"));
            }

            // Embedded or not is part of what was indexed: configuring an embedding model makes a re-sync embed.
            var hash = Hash(chunks, embeddings.EmbeddingsConfigured);
            if (source.Generation > 0 && hash == source.ContentHash)
            {
                await FinishAsync(sourceId, source.Generation, source.ChunkCount, hash, document.MediaType, validators, title, cancellationToken);
                LogUnchanged(logger, sourceId);
                return source.WorkspaceId;
            }

            var vectors = await EmbedAsync(sourceId, chunks, linked.Token);
            await WriteChunksAsync(source, generation, chunks, vectors, linked.Token);
            await FinishAsync(sourceId, generation, chunks.Count, hash, document.MediaType, validators, title, cancellationToken);
            LogIndexed(logger, sourceId, chunks.Count);
        }
        catch (BrainExtractionException ex)
        {
            await FailAsync(sourceId, generation, ex.Reason);
            LogUnreadable(logger, sourceId, ex.Reason.Key);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await FailAsync(sourceId, generation, new Sentence("Brain_TimedOut", (int)settings.SourceTimeBudget.TotalSeconds));
            LogTimedOut(logger, sourceId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DbUpdateException)
        {
            // A library that fails in a way it does not document: the source ends in error, never half indexed or retried forever.
            await FailAsync(sourceId, generation, new Sentence("Brain_Failed"));
            LogFailed(logger, sourceId, ex.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was written of the new generation goes; the source is queued again for the next instance.
            await RemoveGenerationAsync(sourceId, generation);
            throw;
        }

        return source.WorkspaceId;
    }

    /// <summary>
    /// The source's text as chunks: a note's or file's content, or a web page (and its sitemap's pages, each chunk
    /// located by its page's address). Null when a page is unchanged since the last read.
    /// </summary>
    private async Task<(BrainDocument Document, IReadOnlyList<BrainChunkDraft> Chunks, BrainWebPage? Validators)?> ReadAsync(
        BrainSource source, byte[] data, BrainOptions settings, CancellationToken cancellationToken)
    {
        if (source.Kind != BrainSourceKind.Url)
        {
            var document = extractor.Extract(new MemoryStream(data, writable: false), Limits(settings), cancellationToken);
            return (document, BrainChunker.Chunk(document, settings.ChunkTokens, settings.OverlapTokens), null);
        }

        var address = new Uri(source.Url!);
        var page = await fetcher.FetchAsync(address, source.Generation > 0 ? source.ETag : null, source.Generation > 0 ? source.LastModified : null,
            settings.MaxFileBytes, cancellationToken);
        if (page.NotModified && !source.IncludeSitemap)
        {
            return null;
        }

        var pages = new List<(Uri Address, BrainDocument Document)> { (page.Address, Page(page, cancellationToken)) };
        if (source.IncludeSitemap)
        {
            foreach (var other in await fetcher.SitemapAsync(address, settings.MaxPagesPerSite, settings.MaxFileBytes, cancellationToken))
            {
                if (pages.Count >= settings.MaxPagesPerSite || pages.Any(p => p.Address == other))
                {
                    continue;
                }

                try
                {
                    var fetched = await fetcher.FetchAsync(other, null, null, settings.MaxFileBytes, cancellationToken);
                    pages.Add((fetched.Address, Page(fetched, cancellationToken)));
                }
                catch (BrainExtractionException)
                {
                    // One page of a site that cannot be read does not stop the others.
                }
            }
        }

        var chunks = new List<BrainChunkDraft>();
        foreach (var (pageAddress, document) in pages)
        {
            foreach (var chunk in BrainChunker.Chunk(document, settings.ChunkTokens, settings.OverlapTokens))
            {
                var location = pages.Count > 1 ? (chunk.Location.Length > 0 ? $"{pageAddress.AbsoluteUri} · {chunk.Location}" : pageAddress.AbsoluteUri) : chunk.Location;
                chunks.Add(chunk with { Ordinal = chunks.Count, Location = location });
            }
        }

        var first = pages[0].Document;
        return (first, chunks, page);
    }

    private BrainDocument Page(BrainWebPage page, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(page.Content, writable: false);
        return extractor.Extract(content, new BrainExtractionLimits(page.Content.Length + 1L, options.CurrentValue.MaxUncompressedBytes, options.CurrentValue.MaxZipEntries),
            cancellationToken);
    }

    public static BrainExtractionLimits Limits(BrainOptions settings) =>
        new(settings.MaxFileBytes, settings.MaxUncompressedBytes, settings.MaxZipEntries);

    /// <summary>
    /// Each passage's embedding when an embedding model is configured (in batches); null otherwise, or when the model
    /// fails: the passages are then found by their words only, and the next re-sync embeds them.
    /// </summary>
    private async Task<IReadOnlyList<byte[]>?> EmbedAsync(Guid sourceId, IReadOnlyList<BrainChunkDraft> chunks, CancellationToken cancellationToken)
    {
        if (embeddings.CreateEmbeddings() is not { } generator)
        {
            return null;
        }

        using (generator)
        {
            try
            {
                var vectors = new List<byte[]>(chunks.Count);
                foreach (var batch in chunks.Chunk(EmbeddingBatch))
                {
                    var generated = await generator.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken);
                    vectors.AddRange(generated.Select(e => BrainVectorIndex.ToBytes(e.Vector.Span)));
                }

                return vectors.Count == chunks.Count ? vectors : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogEmbeddingFailed(logger, sourceId, ex.GetType().Name);
                return null;
            }
        }
    }

    private async Task WriteChunksAsync(
        BrainSource source, int generation, IReadOnlyList<BrainChunkDraft> chunks, IReadOnlyList<byte[]>? vectors, CancellationToken cancellationToken)
    {
        for (var start = 0; start < chunks.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.BrainChunks.AddRange(chunks.Skip(start).Take(BatchSize).Select(c => new BrainChunk
            {
                WorkspaceId = source.WorkspaceId,
                WorkspaceKey = BrainChunk.KeyOf(source.WorkspaceId),
                SourceId = source.Id,
                Generation = generation,
                Ordinal = c.Ordinal,
                Text = c.Text,
                Location = Text.Shorten(c.Location, 499),
                Tokens = c.Tokens,
                Embedding = vectors?[c.Ordinal],
            }));
            await db.SaveChangesAsync(cancellationToken);
            var done = Math.Min(start + BatchSize, chunks.Count);
            await SetProgressAsync(db, source.Id, BrainSourceStatus.Indexing, (int)(100L * done / chunks.Count), cancellationToken);
            signal.Publish(source.WorkspaceId);
        }
    }

    /// <summary>Serves the new generation: the source's row and the removal of every other generation's chunks, in one transaction.</summary>
    private async Task FinishAsync(
        Guid sourceId, int generation, int count, string hash, string? mediaType, BrainWebPage? validators, string? title,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.BrainSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, BrainSourceStatus.Ready)
            .SetProperty(s => s.Generation, generation)
            .SetProperty(s => s.ChunkCount, count)
            .SetProperty(s => s.ContentHash, hash)
            .SetProperty(s => s.MediaType, mediaType)
            .SetProperty(s => s.Title, s => title ?? s.Title)
            .SetProperty(s => s.ETag, s => validators != null ? validators.ETag : s.ETag)
            .SetProperty(s => s.LastModified, s => validators != null ? validators.LastModified : s.LastModified)
            .SetProperty(s => s.Progress, 100)
            .SetProperty(s => s.ErrorJson, (string?)null)
            .SetProperty(s => s.IndexedAt, now)
            .SetProperty(s => s.UpdatedAt, now)
            .SetProperty(s => s.NextSyncAt, s => s.Kind == BrainSourceKind.Url ? now + settings.ResyncInterval : null), cancellationToken);
        await db.BrainChunks.Where(c => c.SourceId == sourceId && c.Generation != generation).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (updated == 0)
        {
            // Deleted while indexing: nothing of it stays.
            await db.BrainChunks.Where(c => c.SourceId == sourceId).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private async Task FailAsync(Guid sourceId, int generation, Sentence reason)
    {
        await RemoveGenerationAsync(sourceId, generation);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.BrainSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, BrainSourceStatus.Error)
            .SetProperty(s => s.ErrorJson, reason.ToJson())
            .SetProperty(s => s.Progress, 0)
            .SetProperty(s => s.UpdatedAt, now), CancellationToken.None);
    }

    private async Task RemoveGenerationAsync(Guid sourceId, int generation)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.BrainChunks.Where(c => c.SourceId == sourceId && c.Generation == generation).ExecuteDeleteAsync(CancellationToken.None);
    }

    private async Task SetProgressAsync(AgentHubDbContext db, Guid sourceId, BrainSourceStatus status, int progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.BrainSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, status).SetProperty(s => s.Progress, progress).SetProperty(s => s.UpdatedAt, now), cancellationToken);
    }

    private static string Hash(IReadOnlyList<BrainChunkDraft> chunks, bool embedded)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([embedded ? (byte)1 : (byte)0]);
        foreach (var chunk in chunks)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(chunk.Location));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(chunk.Text));
            sha.AppendData([0]);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    // Ids and counts only: a source's title and contents are the business's and never reach a log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Brain source {SourceId} indexed: {Chunks} chunks")]
    private static partial void LogIndexed(ILogger logger, Guid sourceId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Brain source {SourceId} unchanged: not indexed again")]
    private static partial void LogUnchanged(ILogger logger, Guid sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Brain source {SourceId} could not be read ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, Guid sourceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Brain source {SourceId}: the embedding model failed ({ExceptionType}); its passages are found by their words only")]
    private static partial void LogEmbeddingFailed(ILogger logger, Guid sourceId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Brain source {SourceId} could not be read: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, Guid sourceId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Brain source {SourceId} used its whole time budget")]
    private static partial void LogTimedOut(ILogger logger, Guid sourceId);
}

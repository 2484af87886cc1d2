using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.RegularExpressions;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Brain;

/// <summary>
/// Lexical search over a workspace's chunks: SQLite's FTS5 index (BM25, Unicode tokens with accents folded, so
/// "cafe" finds "café") on the embedded database; elsewhere each word matched in the text, ranked by how many of the
/// words a chunk holds. Only chunks of the generation their source serves are read, and only the workspace's.
/// </summary>
public static partial class BrainSearch
{
    public const int MaxResults = 20;
    private const int MaxTerms = 16;

    /// <summary>The words of a query, lower-cased and distinct (at most 16, each at least two letters or digits).</summary>
    public static IReadOnlyList<string> Terms(string query) => Word().Matches(query)
        .Select(m => m.Value.ToLowerInvariant())
        .Where(w => w.Length >= 2)
        .Distinct(StringComparer.Ordinal)
        .Take(MaxTerms)
        .ToList();

    /// <summary>A word lower-cased with its accents removed ("Café" → "cafe"), as the full-text index compares words.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>How many candidates each ranking brings to the fusion.</summary>
    private const int Candidates = 50;

    /// <summary>Reciprocal rank fusion's constant (Cormack et al.): a passage's fused score is Σ 1 / (60 + its rank in each list).</summary>
    private const double FusionK = 60;

    /// <summary>
    /// The best <paramref name="k"/> passages for the words; with a query embedding and a vector index, the lexical and
    /// the vector rankings fused by reciprocal rank.
    /// </summary>
    public static async Task<IReadOnlyList<BrainSearchResult>> RunAsync(
        AgentHubDbContext db, Guid workspaceId, IReadOnlyList<string> terms, int k, CancellationToken cancellationToken,
        float[]? queryVector = null, BrainVectorIndex.Vectors? vectors = null)
    {
        k = Math.Clamp(k, 1, MaxResults);
        var lexical = terms.Count == 0 ? []
            : db.Database.IsSqlite()
                ? await FullTextAsync(db, workspaceId, terms, queryVector is null ? k : Candidates, cancellationToken)
                : await WordsAsync(db, workspaceId, terms, queryVector is null ? k : Candidates, cancellationToken);
        if (queryVector is null || vectors is null)
        {
            return lexical.Take(k).Select(h => h.Result).ToList();
        }

        var nearest = vectors.Nearest(queryVector, Candidates);
        var fused = new Dictionary<long, double>();
        void Add(IEnumerable<long> ranking)
        {
            foreach (var (id, rank) in ranking.Select((id, i) => (id, i + 1)))
            {
                fused[id] = fused.GetValueOrDefault(id) + 1 / (FusionK + rank);
            }
        }

        Add(lexical.Select(h => h.ChunkId));
        Add(nearest.Select(n => n.ChunkId));
        var best = fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Take(k).ToList();
        var known = lexical.ToDictionary(h => h.ChunkId, h => h.Result);
        var missing = best.Select(b => b.Key).Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var row in await (
                    from c in db.BrainChunks
                    join s in db.BrainSources on c.SourceId equals s.Id
                    where missing.Contains(c.Id) && c.WorkspaceId == workspaceId
                    select new { c.Id, c.SourceId, s.Title, c.Location, c.Text })
                .AsNoTracking()
                .ToListAsync(cancellationToken))
            {
                known[row.Id] = new BrainSearchResult(row.SourceId, row.Title, row.Location, row.Text, 0);
            }
        }

        return best.Where(b => known.ContainsKey(b.Key)).Select(b => known[b.Key] with { Score = Math.Round(b.Value, 6) }).ToList();
    }

    private sealed record Hit(long ChunkId, BrainSearchResult Result);

    private static async Task<List<Hit>> FullTextAsync(
        AgentHubDbContext db, Guid workspaceId, IReadOnlyList<string> terms, int n, CancellationToken cancellationToken)
    {
        // The workspace's entries only (its key is one indexed word), each word quoted (an FTS5 string, so no word is
        // read as an operator), any of them matching in the text; BM25 over the text alone ranks, best first. A few
        // more than asked: passages of a generation being replaced are dropped after. One query to the index, one for
        // the passages, so the planner never mixes the two.
        var match = $"WorkspaceKey : \"{BrainChunk.KeyOf(workspaceId)}\" AND Text : ({string.Join(" OR ", terms.Select(t => $"\"{t}\""))})";
        var limit = Math.Max(n * 3, 30);
        var ranked = await db.Set<BrainChunkMatch>()
            .FromSql($"SELECT rowid AS ChunkId, bm25(BrainChunkIndex, 1.0, 0.0) AS Score FROM BrainChunkIndex WHERE BrainChunkIndex MATCH {match} ORDER BY Score LIMIT {limit}")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (ranked.Count == 0)
        {
            return [];
        }

        var ids = ranked.Select(m => m.ChunkId).ToList();
        var rows = (await (
                from c in db.BrainChunks
                join s in db.BrainSources on c.SourceId equals s.Id
                where ids.Contains(c.Id) && c.WorkspaceId == workspaceId && c.Generation == s.Generation
                select new { c.Id, c.SourceId, s.Title, c.Location, c.Text })
            .AsNoTracking()
            .ToListAsync(cancellationToken)).ToDictionary(r => r.Id);

        // BM25 is negative, better when lower: the API reports it positive, better when higher.
        var hits = new List<Hit>(n);
        foreach (var found in ranked.Where(m => rows.ContainsKey(m.ChunkId)).Take(n))
        {
            var row = rows[found.ChunkId];
            hits.Add(new Hit(row.Id, new BrainSearchResult(row.SourceId, row.Title, row.Location, row.Text, -found.Score)));
        }

        return hits;
    }

    private static async Task<List<Hit>> WordsAsync(
        AgentHubDbContext db, Guid workspaceId, IReadOnlyList<string> terms, int n, CancellationToken cancellationToken)
    {
        var chunk = Expression.Parameter(typeof(BrainChunk), "c");
        var text = Expression.Property(chunk, nameof(BrainChunk.Text));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var any = terms.Select(t => (Expression)Expression.Call(text, contains, Expression.Constant(t)))
            .Aggregate(Expression.OrElse);
        var candidates = await (
                from c in db.BrainChunks.Where(Expression.Lambda<Func<BrainChunk, bool>>(any, chunk))
                join s in db.BrainSources on c.SourceId equals s.Id
                where c.WorkspaceId == workspaceId && s.WorkspaceId == workspaceId && c.Generation == s.Generation
                select new { c.Id, c.SourceId, s.Title, c.Location, c.Text })
            .Take(500)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return candidates
            .Select(r => (r, Score: (double)terms.Count(t => r.Text.Contains(t, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(x => x.Score)
            .Take(n)
            .Select(x => new Hit(x.r.Id, new BrainSearchResult(x.r.SourceId, x.r.Title, x.r.Location, x.r.Text, x.Score)))
            .ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

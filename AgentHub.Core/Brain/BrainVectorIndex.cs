using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Brain;

/// <summary>
/// The workspace's passage vectors in memory for similarity search: loaded once from the database (each vector lives
/// with its passage), reloaded when the workspace's passages change. The change is seen by the passages' count and
/// newest id, read on every search from the workspace index alone (covered: no passage row is read), so a change made by
/// another instance is seen too; a passage's vector is written with it, in the transaction that switches its source's
/// generation. Cosine similarity with <see cref="TensorPrimitives"/> over every vector: exact, no approximate index.
/// </summary>
public sealed class BrainVectorIndex
{
    private readonly ConcurrentDictionary<Guid, Vectors> _snapshots = new();

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    /// <summary>The workspace's vectors as they are now: from memory when its passages have not changed since they were read.</summary>
    public async Task<Vectors> ForAsync(AgentHubDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        var stamp = await db.BrainChunks.Where(c => c.WorkspaceId == workspaceId)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(c => c.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        var (count, maxId) = stamp is null ? (0, 0L) : (stamp.Count, stamp.MaxId);
        if (_snapshots.TryGetValue(workspaceId, out var cached) && cached.Count == count && cached.MaxId == maxId)
        {
            return cached;
        }

        var rows = await (
                from c in db.BrainChunks
                join s in db.BrainSources on c.SourceId equals s.Id
                where c.WorkspaceId == workspaceId && c.Embedding != null && c.Generation == s.Generation
                orderby c.Id
                select new { c.Id, c.Embedding })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var dimensions = rows.Count == 0 ? 0 : rows[0].Embedding!.Length / sizeof(float);
        rows = rows.Where(r => r.Embedding!.Length == dimensions * sizeof(float)).ToList();
        var vectors = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            MemoryMarshal.Cast<byte, float>(rows[i].Embedding).CopyTo(vectors.AsSpan(i * dimensions, dimensions));
        }

        var snapshot = new Vectors(count, maxId, rows.Select(r => r.Id).ToArray(), vectors, dimensions);
        _snapshots[workspaceId] = snapshot;
        return snapshot;
    }

    /// <summary>One workspace's vectors, read at one moment.</summary>
    public sealed class Vectors
    {
        private readonly long[] _ids;
        private readonly float[] _vectors;

        internal Vectors(int count, long maxId, long[] ids, float[] vectors, int dimensions)
        {
            (Count, MaxId, _ids, _vectors, Dimensions) = (count, maxId, ids, vectors, dimensions);
        }

        internal int Count { get; }

        internal long MaxId { get; }

        public int Dimensions { get; }

        /// <summary>Whether any passage has a vector: without one, a query is not worth embedding.</summary>
        public bool Any => _ids.Length > 0;

        /// <summary>The <paramref name="n"/> passages most similar to the query, most similar first.</summary>
        public IReadOnlyList<(long ChunkId, float Similarity)> Nearest(ReadOnlySpan<float> query, int n)
        {
            if (_ids.Length == 0 || Dimensions != query.Length)
            {
                return [];
            }

            var best = new PriorityQueue<long, float>(n + 1);
            var all = _vectors.AsSpan();
            for (var i = 0; i < _ids.Length; i++)
            {
                best.Enqueue(_ids[i], TensorPrimitives.CosineSimilarity(query, all.Slice(i * Dimensions, Dimensions)));
                if (best.Count > n)
                {
                    best.Dequeue(); // the least similar
                }
            }

            var result = new List<(long, float)>(best.Count);
            while (best.TryDequeue(out var id, out var similarity))
            {
                result.Add((id, similarity));
            }

            result.Reverse();
            return result;
        }
    }
}

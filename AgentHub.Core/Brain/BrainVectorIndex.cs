using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Brain;

/// <summary>
/// The workspace's passage vectors in memory for similarity search: loaded once from the database (each vector lives
/// with its passage), reloaded when the workspace's embedded passages change (their count or newest id, checked on
/// every search with one indexed query, so a change made by another instance is seen too). Cosine similarity with
/// <see cref="TensorPrimitives"/> over every vector: exact, no approximate index.
/// </summary>
public sealed class BrainVectorIndex
{
    private readonly ConcurrentDictionary<Guid, Snapshot> _snapshots = new();

    private sealed record Snapshot(int Count, long MaxId, long[] Ids, float[] Vectors, int Dimensions);

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public async Task<IReadOnlyList<(long ChunkId, float Similarity)>> NearestAsync(
        AgentHubDbContext db, Guid workspaceId, float[] query, int n, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(db, workspaceId, cancellationToken);
        if (snapshot.Ids.Length == 0 || snapshot.Dimensions != query.Length)
        {
            return [];
        }

        var best = new PriorityQueue<long, float>(n + 1);
        var vectors = snapshot.Vectors.AsSpan();
        for (var i = 0; i < snapshot.Ids.Length; i++)
        {
            var similarity = TensorPrimitives.CosineSimilarity(query, vectors.Slice(i * snapshot.Dimensions, snapshot.Dimensions));
            best.Enqueue(snapshot.Ids[i], similarity);
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

    private async Task<Snapshot> SnapshotAsync(AgentHubDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        var current = db.BrainChunks.Where(c => c.WorkspaceId == workspaceId && c.Embedding != null);
        var stamp = await current.GroupBy(_ => 1).Select(g => new { Count = g.Count(), MaxId = g.Max(c => c.Id) }).SingleOrDefaultAsync(cancellationToken);
        var (count, maxId) = stamp is null ? (0, 0L) : (stamp.Count, stamp.MaxId);
        if (_snapshots.TryGetValue(workspaceId, out var cached) && cached.Count == count && cached.MaxId == maxId)
        {
            return cached;
        }

        var rows = await (
                from c in current
                join s in db.BrainSources on c.SourceId equals s.Id
                where c.Generation == s.Generation
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

        var snapshot = new Snapshot(count, maxId, rows.Select(r => r.Id).ToArray(), vectors, dimensions);
        _snapshots[workspaceId] = snapshot;
        return snapshot;
    }
}

using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Brain;

/// <summary>
/// Searches a workspace's Brain for people (the API, the page) and helpers (<c>brain_search</c>): lexical, and hybrid
/// when an embedding model is configured and the workspace's passages have vectors (the query embedded, both rankings
/// fused). An embedding request that fails
/// leaves the lexical ranking: search never fails because the model did.
/// </summary>
public sealed partial class BrainSearcher(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IEmbeddingSource embeddings,
    BrainVectorIndex vectors,
    ILogger<BrainSearcher> logger)
{
    public async Task<BrainSearchResults> SearchAsync(Guid workspaceId, string query, int k, CancellationToken cancellationToken)
    {
        var terms = BrainSearch.Terms(query);
        if (terms.Count == 0)
        {
            return new BrainSearchResults([], terms);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The query is embedded only when the workspace has vectors to compare it with.
        float[]? vector = null;
        var known = embeddings.EmbeddingsConfigured ? await vectors.ForAsync(db, workspaceId, cancellationToken) : null;
        if (known is { Any: true } && embeddings.CreateEmbeddings() is { } generator)
        {
            try
            {
                using (generator)
                {
                    vector = (await generator.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector.ToArray();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogEmbeddingFailed(logger, ex.GetType().Name);
            }
        }

        return new BrainSearchResults(await BrainSearch.RunAsync(db, workspaceId, terms, k, cancellationToken, vector, known), terms);
    }

    // The exception's type only: its message may quote the query.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding model failed ({ExceptionType}); the Brain searched by words only")]
    private static partial void LogEmbeddingFailed(ILogger logger, string exceptionType);
}

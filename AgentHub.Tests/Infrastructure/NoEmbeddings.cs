using AgentHub.Core.Brain;
using Microsoft.Extensions.AI;

namespace AgentHub.Tests.Infrastructure;

/// <summary>No embedding model: the Brain searches by words only (component tests).</summary>
public sealed class NoEmbeddings : IEmbeddingSource
{
    public bool EmbeddingsConfigured => false;

    public IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddings() => null;
}

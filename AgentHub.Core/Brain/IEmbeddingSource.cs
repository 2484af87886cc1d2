using Microsoft.Extensions.AI;

namespace AgentHub.Core.Brain;

/// <summary>The configured embedding model (<c>AI:EmbeddingModel</c> on the AI endpoint), as Microsoft.Extensions.AI's generator; null when none is configured.</summary>
public interface IEmbeddingSource
{
    bool EmbeddingsConfigured { get; }

    IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddings();
}

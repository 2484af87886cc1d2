namespace AgentHub.Core.Tasks;

/// <summary>
/// The `AI` configuration section: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, a local
/// Ollama at http://localhost:11434/v1). Without an endpoint and a model, tasks are refused with these names.
/// </summary>
public sealed class AiOptions
{
    public const string Section = "AI";
    public const string SettingNames = "AI:Endpoint, AI:Model and AI:ApiKey";

    /// <summary>The base URL of the API, up to and including /v1 (https://api.openai.com/v1).</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as a bearer token; a local server may need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one model request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    /// <summary>An embedding model on the same endpoint (text-embedding-3-small, nomic-embed-text): the Brain's passages are embedded and search fuses both rankings.</summary>
    public string? EmbeddingModel { get; set; }

    public bool EmbeddingsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(EmbeddingModel);
}

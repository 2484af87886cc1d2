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

    /// <summary>Prices per model id (`AI:Prices:gpt-4o-mini:InputPerMillion`); a model without one shows tokens only.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The currency the prices are in (shown beside every cost).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// The price of a model as the API named it: its own, or the longest configured id it starts with (a dated
    /// `gpt-4o-mini-2024-07-18` takes `gpt-4o-mini`'s); null when none.
    /// </summary>
    public ModelPrice? PriceOf(string model) =>
        Prices.TryGetValue(model, out var exact) ? exact
        : Prices.Where(p => model.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
}

/// <summary>A model's price per million tokens, in <see cref="AiOptions.Currency"/>; cached input costs the input price unless given.</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>The cost in millionths of the currency (a price per million tokens is a cost per token in millionths).</summary>
    public long CostMicros(long input, long cachedInput, long output)
    {
        var cached = Math.Clamp(cachedInput, 0, input);
        var cost = (input - cached) * InputPerMillion + cached * (CachedInputPerMillion ?? InputPerMillion) + output * OutputPerMillion;
        return (long)Math.Round(cost, MidpointRounding.AwayFromZero);
    }
}

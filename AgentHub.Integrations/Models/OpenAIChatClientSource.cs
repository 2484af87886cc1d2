using System.ClientModel;
using System.ClientModel.Primitives;
using AgentHub.Core.Brain;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace AgentHub.Integrations.Models;

/// <summary>
/// The configured model over any OpenAI-compatible chat-completions endpoint, through Microsoft.Extensions.AI's OpenAI
/// adapter. Requests go through a named HttpClient without request logging (the key travels in a header). Rebuilt when
/// the `AI` settings change.
/// </summary>
public sealed class OpenAIChatClientSource(IOptionsMonitor<AiOptions> options, IHttpClientFactory clients) : IChatClientSource, IEmbeddingSource
{
    public const string HttpClientName = "AgentHub.Model";

    // A local server (Ollama) needs no key, but the OpenAI client requires one; it is sent and ignored.
    private const string NoKey = "not-needed";

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public IChatClient? Create()
    {
        var settings = options.CurrentValue;
        // GenAI spans and metrics (model, tokens, durations), never the messages: sensitive data is off whatever the
        // environment says (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT would turn it on by default).
        return settings.IsConfigured
            ? Client(settings).GetChatClient(settings.Model).AsIChatClient().AsBuilder().UseOpenTelemetry(configure: c => c.EnableSensitiveData = false).Build()
            : null;
    }

    public bool EmbeddingsConfigured => options.CurrentValue.EmbeddingsConfigured;

    public IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddings()
    {
        var settings = options.CurrentValue;
        return settings.EmbeddingsConfigured
            ? Client(settings).GetEmbeddingClient(settings.EmbeddingModel).AsIEmbeddingGenerator().AsBuilder().UseOpenTelemetry(configure: c => c.EnableSensitiveData = false).Build()
            : null;
    }

    private OpenAIClient Client(AiOptions settings) =>
        new(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(settings.ApiKey) ? NoKey : settings.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.Endpoint!),
                Transport = new HttpClientPipelineTransport(clients.CreateClient(HttpClientName)),
                NetworkTimeout = settings.RequestTimeout,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            });

    public Sentence Describe(Exception exception) => exception switch
    {
        ClientResultException { Status: 401 or 403 } e => new Sentence("Model_RefusedKey", e.Status),
        ClientResultException { Status: 404 } => new Sentence("Model_NotFound"),
        ClientResultException { Status: 429 } => new Sentence("Model_SlowDown"),
        ClientResultException { Status: > 0 } e => new Sentence("Model_Answered", e.Status),
        ClientResultException or HttpRequestException => new Sentence("Model_Unreachable"),
        TaskCanceledException or TimeoutException => new Sentence("Model_Timeout"),
        _ => new Sentence("Model_Unreadable"),
    };
}

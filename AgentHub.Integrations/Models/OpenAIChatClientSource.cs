using System.ClientModel;
using System.ClientModel.Primitives;
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
public sealed class OpenAIChatClientSource(IOptionsMonitor<AiOptions> options, IHttpClientFactory clients) : IChatClientSource
{
    public const string HttpClientName = "AgentHub.Model";

    // A local server (Ollama) needs no key, but the OpenAI client requires one; it is sent and ignored.
    private const string NoKey = "not-needed";

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public IChatClient? Create()
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            return null;
        }

        var client = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrWhiteSpace(settings.ApiKey) ? NoKey : settings.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.Endpoint!),
                Transport = new HttpClientPipelineTransport(clients.CreateClient(HttpClientName)),
                NetworkTimeout = settings.RequestTimeout,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            });
        return client.GetChatClient(settings.Model).AsIChatClient();
    }

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

using System.ClientModel;
using System.ClientModel.Primitives;
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

    public string Describe(Exception exception) => exception switch
    {
        ClientResultException { Status: 401 or 403 } e => $"it refused AgentHub's API key ({e.Status}). Check AI:ApiKey.",
        ClientResultException { Status: 404 } => "it does not know the configured model or address (404). Check AI:Endpoint and AI:Model.",
        ClientResultException { Status: 429 } => "it asked AgentHub to slow down (429). Try again later.",
        ClientResultException { Status: > 0 } e => $"it answered {e.Status}.",
        ClientResultException or HttpRequestException => "it could not be reached. Check AI:Endpoint.",
        TaskCanceledException or TimeoutException => "it did not answer in time.",
        _ => "its answer could not be read.",
    };
}

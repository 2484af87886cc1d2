using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Mcp;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentHub.Integrations.Mcp;

/// <summary>
/// AgentHub as an MCP client of outside servers, with the official SDK's streamable HTTP transport over the egress
/// client: the guarded connect step (public addresses only, unless the operator allows the host in
/// `Mcp:Client:AllowedHosts`), no redirects, a time budget per request. Each call opens a short session (initialize,
/// the request, close): nothing is held between calls, so any instance can make it.
/// </summary>
public sealed class RemoteMcpGateway(IHttpClientFactory clients, EgressConnector connector, IOptionsMonitor<RemoteMcpOptions> options) : IRemoteMcpGateway
{
    public const string ClientName = "AgentHub.Mcp";
    private const int MaxTools = 200;

    public async Task<Sentence?> RefusalAsync(Uri url, CancellationToken cancellationToken) =>
        await connector.RefusalAsync(url, Allowed(url.Host), cancellationToken) switch
        {
            null => null,
            EgressRefusal.HttpsOnly => new Sentence("Mcp_UrlHttpsOnly"),
            EgressRefusal.Private => new Sentence("Mcp_UrlPrivate", url.Host),
            _ => new Sentence("Mcp_UrlUnresolvable", url.Host),
        };

    public async Task<IReadOnlyList<RemoteMcpTool>> ListToolsAsync(RemoteMcpTarget target, CancellationToken cancellationToken) =>
        await RunAsync(target, async (client, _, token) =>
        {
            var tools = await client.ListToolsAsync(cancellationToken: token);
            return (IReadOnlyList<RemoteMcpTool>)tools.Take(MaxTools).Select(t => new RemoteMcpTool(
                t.Name,
                t.Description is { Length: > 1000 } d ? d[..1000] : t.Description,
                t.ProtocolTool.InputSchema.Clone(),
                t.ProtocolTool.Annotations?.ReadOnlyHint == true)).ToList();
        }, cancellationToken);

    public async Task<RemoteMcpAnswer> CallToolAsync(RemoteMcpTarget target, string tool, JsonObject arguments, CancellationToken cancellationToken) =>
        await RunAsync(target, async (client, changed, token) =>
        {
            var args = arguments.ToDictionary(p => p.Key, p => (object?)(p.Value is null ? null : JsonSerializer.SerializeToElement(p.Value)));
            var result = await client.CallToolAsync(tool, args, cancellationToken: token);
            var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
            if (text.Length == 0 && result.StructuredContent is { } structured)
            {
                text = structured.GetRawText();
            }

            return new RemoteMcpAnswer(result.IsError == true, Clean(text, target.Secret), changed());
        }, cancellationToken);

    private async Task<T> RunAsync<T>(RemoteMcpTarget target, Func<McpClient, Func<bool>, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.RequestTimeout);
        var host = target.Url.Host;
        var toolsChanged = false;
        try
        {
            var transportOptions = new HttpClientTransportOptions
            {
                Endpoint = target.Url,
                TransportMode = HttpTransportMode.StreamableHttp,
                Name = "AgentHub",
                ConnectionTimeout = settings.RequestTimeout,
            };
            if (target.HeaderName is { } header && target.Secret is { } secret)
            {
                transportOptions.AdditionalHeaders = new Dictionary<string, string> { [header] = secret };
            }

            var http = clients.CreateClient(ClientName);
            await using var transport = new HttpClientTransport(transportOptions, http, ownsHttpClient: false);
            var clientOptions = new McpClientOptions
            {
                ClientInfo = new Implementation { Name = "AgentHub", Version = "1.0" },
                Handlers = new McpClientHandlers
                {
                    NotificationHandlers =
                    [
                        new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                        {
                            toolsChanged = true;
                            return ValueTask.CompletedTask;
                        }),
                    ],
                },
            };
            await using var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: budget.Token);
            return await call(client, () => toolsChanged, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RemoteMcpException(new Sentence("Mcp_TimedOut", host), OutcomeReason.Unreachable);
        }
        catch (EgressBlockedException)
        {
            throw new RemoteMcpException(new Sentence("Mcp_UrlPrivate", host), OutcomeReason.InvalidInput);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RemoteMcpException(new Sentence("Mcp_AuthRefused", host, (int)ex.StatusCode), OutcomeReason.AuthInvalid);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests)
        {
            throw new RemoteMcpException(new Sentence("Mcp_Failed", host, "429"), OutcomeReason.RateLimited);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } status)
        {
            throw new RemoteMcpException(new Sentence("Mcp_Failed", host, $"HTTP {(int)status}"), OutcomeReason.ProviderError);
        }
        catch (HttpRequestException)
        {
            throw new RemoteMcpException(new Sentence("Mcp_Unreachable", host), OutcomeReason.Unreachable);
        }
        catch (McpException ex)
        {
            throw new RemoteMcpException(new Sentence("Mcp_Failed", host, OutcomeClassifier.Sanitize(ex.Message, target.Secret is null ? [] : [target.Secret]) ?? "error"), OutcomeReason.ProviderError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The transport's own connect timeout.
            throw new RemoteMcpException(new Sentence("Mcp_TimedOut", host), OutcomeReason.Unreachable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RemoteMcpException)
        {
            // Anything else the transport throws (a malformed answer, a header it refused): classified by its type only,
            // since its message may quote what was sent, the secret included.
            throw new RemoteMcpException(new Sentence("Mcp_Failed", host, ex.GetType().Name), OutcomeReason.ProviderError);
        }
    }

    /// <summary>The answer as a helper reads it: the secret and its altered echoes redacted, cut at <see cref="RemoteMcpOptions.MaxResultChars"/>.</summary>
    private string Clean(string text, string? secret)
    {
        var clean = SecretRedactor.Redact(text, secret is null ? [] : [secret]);
        var limit = options.CurrentValue.MaxResultChars;
        return clean.Length <= limit ? clean : clean[..limit] + "…";
    }

    private bool Allowed(string host) => options.CurrentValue.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Marks a request to a host the operator allows, so the guarded connect step lets it reach a private address.</summary>
    public sealed class TargetHandler(IOptionsMonitor<RemoteMcpOptions> options) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && options.CurrentValue.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                request.Options.Set(EgressRequestOptions.OperatorTarget, true);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

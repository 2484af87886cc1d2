using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentHub.Core.CallLog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.OAuth;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.OAuth;

/// <summary>
/// OAuth 2.0 for every provider with an <c>oauth</c> block in the catalog, with Duende.IdentityModel for the protocol:
/// authorization URLs, the code exchange (plus the provider's post-exchange call) and refreshes. Every request goes
/// through the egress client (its guard and circuit breaker) with a time budget and no retry (a code is single-use);
/// an operator's BaseUrl redirects every URL of the provider. Tokens never reach a log or the call log.
/// </summary>
public sealed partial class CatalogOAuthGateway(
    IntegrationCatalog catalog,
    IHttpClientFactory clients,
    ICallLogWriter callLog,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider time,
    ILogger<CatalogOAuthGateway> logger) : IOAuthGateway
{
    public OAuthClient? OperatorClient(string providerId) =>
        options.CurrentValue.Providers.GetValueOrDefault(providerId)?.OAuth is { ClientId: { Length: > 0 } id, ClientSecret: { Length: > 0 } secret }
            ? new OAuthClient(id.Trim(), secret.Trim(), OAuthClientSource.Operator)
            : null;

    public bool HasOperatorClient(string providerId) =>
        options.CurrentValue.Providers.TryGetValue(providerId, out var overrides) &&
        overrides.OAuth is { ClientId: { Length: > 0 }, ClientSecret: { Length: > 0 } };

    public Uri AuthorizationUrl(OAuthAuthorizationRequest request)
    {
        var spec = Spec(request.ProviderId);
        var parameters = new Parameters
        {
            { spec.ClientIdParam, request.Client.ClientId },
            { "response_type", "code" },
            { "redirect_uri", request.RedirectUri },
            { "state", request.State },
        };
        if (spec.Scopes.Count > 0)
        {
            parameters.Add("scope", string.Join(spec.ScopeSeparator, spec.Scopes));
        }

        if (request.CodeChallenge is { } challenge)
        {
            parameters.Add("code_challenge", challenge);
            parameters.Add("code_challenge_method", "S256");
        }

        foreach (var (name, value) in spec.AuthorizeParams)
        {
            parameters.Add(name, value);
        }

        var (endpoint, _) = Endpoint(request.ProviderId, spec.AuthorizeUrl, request.Settings);
        return new Uri(new RequestUrl(endpoint.ToString()).Create(parameters));
    }

    public async Task<OAuthTokenResult> ExchangeCodeAsync(OAuthCodeExchange exchange, CancellationToken cancellationToken)
    {
        var spec = Spec(exchange.ProviderId);
        var (endpoint, operatorTarget) = Endpoint(exchange.ProviderId, spec.TokenUrl, exchange.Settings);
        using var request = new AuthorizationCodeTokenRequest
        {
            Address = endpoint.ToString(),
            Code = exchange.Code,
            RedirectUri = exchange.RedirectUri,
            CodeVerifier = exchange.CodeVerifier,
        };
        Authenticate(request, spec, exchange.Client);
        Mark(request, exchange.ProviderId, operatorTarget);

        var result = await SendAsync(exchange.WorkspaceId, exchange.ProviderId, endpoint, (client, ct) => client.RequestAuthorizationCodeTokenAsync(request, ct), spec, cancellationToken);
        if (result.Outcome == OAuthTokenOutcome.Ok && spec.LongLived is { } longLived)
        {
            // Meta: trade the short-lived token (about 2 hours) for a long-lived one (about 60 days), at once.
            using var swap = new TokenRequest
            {
                Address = endpoint.ToString(),
                GrantType = longLived.GrantType,
                Parameters = { { longLived.TokenParam, result.AccessToken! } },
            };
            Authenticate(swap, spec, exchange.Client);
            Mark(swap, exchange.ProviderId, operatorTarget);
            var swapped = await SendAsync(exchange.WorkspaceId, exchange.ProviderId, endpoint, (client, ct) => client.RequestTokenAsync(swap, ct), spec, cancellationToken);
            result = swapped.Outcome == OAuthTokenOutcome.Ok ? swapped with { Settings = result.Settings } : swapped;
        }

        if (result.Outcome != OAuthTokenOutcome.Ok || spec.Metadata is not { } metadata)
        {
            return result;
        }

        // Mailchimp: the data center comes from a metadata call made with the new token.
        var extra = await MetadataAsync(exchange.WorkspaceId, exchange.ProviderId, metadata, result.AccessToken!, cancellationToken);
        if (extra is null)
        {
            return OAuthTokenResult.Failed(OAuthTokenOutcome.Transient, "metadata_unavailable", "The provider's account metadata could not be read.");
        }

        return result with { Settings = result.Settings.Concat(extra).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) };
    }

    public Task<OAuthTokenResult> RefreshAsync(OAuthRefreshRequest refresh, CancellationToken cancellationToken)
    {
        var spec = Spec(refresh.ProviderId);
        var (endpoint, operatorTarget) = Endpoint(refresh.ProviderId, spec.TokenUrl, refresh.Settings);
        var request = new RefreshTokenRequest { Address = endpoint.ToString(), RefreshToken = refresh.RefreshToken };
        Authenticate(request, spec, refresh.Client);
        Mark(request, refresh.ProviderId, operatorTarget);
        return SendAndDisposeAsync(refresh.WorkspaceId, refresh.ProviderId, endpoint, request, spec, cancellationToken);
    }

    private async Task<OAuthTokenResult> SendAndDisposeAsync(
        Guid workspaceId, string providerId, Uri endpoint, RefreshTokenRequest request, OAuthSpec spec, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await SendAsync(workspaceId, providerId, endpoint, (client, ct) => client.RequestRefreshTokenAsync(request, ct), spec, cancellationToken);
        }
    }

    private OAuthSpec Spec(string providerId) =>
        catalog.FindCheck(providerId)?.OAuth ?? throw new ArgumentException($"{providerId} has no OAuth 2.0 flow.", nameof(providerId));

    /// <summary>A catalog URL with its settings placeholders (DNS labels, checked when the flow starts) and the operator's BaseUrl.</summary>
    private (Uri Uri, bool OperatorTarget) Endpoint(string providerId, string template, IReadOnlyDictionary<string, string> settings)
    {
        var rendered = CatalogTemplates.Render(template, name => settings.GetValueOrDefault(name), Uri.EscapeDataString);
        return ProviderRequestFactory.ApplyBaseUrl(options.CurrentValue, providerId, new Uri(rendered));
    }

    private static void Authenticate(TokenRequest request, OAuthSpec spec, OAuthClient client)
    {
        request.ClientId = client.ClientId;
        request.ClientSecret = client.ClientSecret;
        request.ClientCredentialStyle = spec.ClientAuth == ClientAuthMethod.ClientSecretBasic
            ? ClientCredentialStyle.AuthorizationHeader
            : ClientCredentialStyle.PostBody;
        if (spec.ClientIdParam != "client_id")
        {
            // TikTok names it client_key, in the body.
            request.Parameters.Add(spec.ClientIdParam, client.ClientId);
        }
    }

    private static void Mark(HttpRequestMessage request, string providerId, bool operatorTarget)
    {
        request.Options.Set(EgressRequestOptions.OperatorTarget, operatorTarget);
        request.Options.Set(EgressRequestOptions.ProviderId, providerId);
    }

    private async Task<OAuthTokenResult> SendAsync(
        Guid workspaceId,
        string providerId,
        Uri uri,
        Func<HttpMessageInvoker, CancellationToken, Task<TokenResponse>> send,
        OAuthSpec spec,
        CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.CurrentValue.InteractiveTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var started = time.GetTimestamp();
        TokenResponse? response = null;
        OAuthTokenResult result;
        try
        {
            response = await send(clients.CreateClient(ProviderExchange.EgressClientName), linked.Token);
            result = Read(response, spec);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = OAuthTokenResult.Failed(OAuthTokenOutcome.Transient, "timeout", "The provider's token endpoint did not answer in time.");
        }

        await RecordAsync(workspaceId, providerId, "POST", uri, (int?)response?.HttpStatusCode is > 0 ? (int)response!.HttpStatusCode : null, result, started, cancellationToken);
        LogTokenRequest(logger, providerId, result.Outcome, result.Error);
        return result;
    }

    /// <summary>RFC 6749 §5: tokens on success; invalid_grant means the grant is dead; 5xx, 429 and the network pass.</summary>
    private static OAuthTokenResult Read(TokenResponse response, OAuthSpec spec)
    {
        if (!response.IsError && !string.IsNullOrEmpty(response.AccessToken))
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, setting) in spec.TokenExtras)
            {
                if (response.TryGet(field) is { Length: > 0 } value)
                {
                    settings[setting] = value;
                }
            }

            return new OAuthTokenResult
            {
                Outcome = OAuthTokenOutcome.Ok,
                AccessToken = response.AccessToken,
                RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? null : response.RefreshToken,
                ExpiresIn = response.ExpiresIn > 0 ? TimeSpan.FromSeconds(response.ExpiresIn) : null,
                Settings = settings,
            };
        }

        var status = (int)response.HttpStatusCode;
        if (response.ErrorType is ResponseErrorType.Exception || status is 0 or 408 or 429 or >= 500)
        {
            return OAuthTokenResult.Failed(OAuthTokenOutcome.Transient, status == 0 ? "unreachable" : $"http_{status}", Describe(response));
        }

        return response.Error switch
        {
            "invalid_grant" => OAuthTokenResult.Failed(OAuthTokenOutcome.InvalidGrant, "invalid_grant", Describe(response)),
            { Length: > 0 } error => OAuthTokenResult.Failed(OAuthTokenOutcome.Rejected, Text.Shorten(error, 64), Describe(response)),
            _ => OAuthTokenResult.Failed(OAuthTokenOutcome.Rejected, $"http_{status}", Describe(response)),
        };
    }

    /// <summary>The provider's own words (error_description), bounded; never the raw body, which could echo a grant.</summary>
    private static string? Describe(TokenResponse response) =>
        response.ErrorDescription is { Length: > 0 } description ? Text.Shorten(description, 300) : null;

    private async Task<IReadOnlyDictionary<string, string>?> MetadataAsync(
        Guid workspaceId, string providerId, OAuthMetadataSpec metadata, string accessToken, CancellationToken cancellationToken)
    {
        var (uri, operatorTarget) = ProviderRequestFactory.ApplyBaseUrl(options.CurrentValue, providerId, new Uri(metadata.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue(metadata.Scheme, accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Mark(request, providerId, operatorTarget);
        using var budget = new CancellationTokenSource(options.CurrentValue.InteractiveTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var started = time.GetTimestamp();
        int? status = null;
        Dictionary<string, string>? values = null;
        try
        {
            using var response = await clients.CreateClient(ProviderExchange.EgressClientName).SendAsync(request, linked.Token);
            status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(linked.Token), default, linked.Token);
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (field, setting) in metadata.Extract)
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object &&
                        document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 256 } text)
                    {
                        values[setting] = text;
                    }
                }

                values = values.Count == metadata.Extract.Count ? values : null;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            values = null;
        }

        var outcome = values is null ? OAuthTokenResult.Failed(OAuthTokenOutcome.Transient, "metadata") : new OAuthTokenResult { Outcome = OAuthTokenOutcome.Ok };
        await RecordAsync(workspaceId, providerId, "GET", uri, status, outcome, started, cancellationToken);
        return values;
    }

    /// <summary>The call log keeps method, host, path and status: no query, no body, no token.</summary>
    private async Task RecordAsync(Guid workspaceId, string providerId, string method, Uri uri, int? status, OAuthTokenResult result, long started, CancellationToken cancellationToken)
    {
        var elapsed = time.GetElapsedTime(started);
        await callLog.RecordAsync(new ProviderCall
        {
            WorkspaceId = workspaceId,
            ProviderId = providerId,
            Method = method,
            Host = uri.Authority,
            Path = uri.AbsolutePath,
            StatusCode = status,
            Reason = result.Outcome switch
            {
                OAuthTokenOutcome.Ok => OutcomeReason.Ok,
                OAuthTokenOutcome.InvalidGrant => OutcomeReason.ReauthorizationRequired,
                OAuthTokenOutcome.Rejected => OutcomeReason.AuthInvalid,
                _ => status is null ? OutcomeReason.Unreachable : OutcomeReason.ProviderError,
            },
            DurationMs = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds),
            Background = false,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth token request to {ProviderId}: {Outcome} {Error}")]
    private static partial void LogTokenRequest(ILogger logger, string providerId, OAuthTokenOutcome outcome, string? error);
}

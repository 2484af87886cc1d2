using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentHub.Integrations.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The OAuth 2.0 side of every provider with an <c>oauth</c> block, played by <see cref="FakeProviderServer"/> on the
/// catalog's own paths, with the documented quirks: a consent page (approve or deny), PKCE S256 verified where the
/// provider takes it, single-use codes, redirect URI and client checked (Basic for Pipedrive and X, TikTok's
/// client_key), rotating refresh tokens whose old value dies on use, Salesforce's instance_url and Pipedrive's
/// api_domain in the token response, Mailchimp's metadata call, no refresh token from Meta (nor Intercom).
/// Access tokens it issued are accepted by the provider's check endpoint until revoked.
/// </summary>
public sealed class FakeAuthorizationServer
{
    public const string ClientId = "agenthub-test-client";
    public const string ClientSecret = "agenthub-test-secret";

    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(); // token -> provider
    private readonly ConcurrentDictionary<string, string> _accessTokens = new(); // token -> provider
    private readonly ConcurrentQueue<(string Provider, string GrantType, bool Succeeded)> _tokenRequests = new();
    private readonly ConcurrentDictionary<string, string> _lastAccessToken = new(); // provider -> token
    private int _counter;

    /// <summary>Seconds until an issued access token expires (per provider), when the provider sets an expiry.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Called before the token endpoint answers a refresh (tests hold or kill things here).</summary>
    public Func<string, Task>? BeforeRefreshAnswer { get; set; }

    /// <summary>Makes the next refreshes answer 503 (a passing failure) while true.</summary>
    public bool RefreshUnavailable { get; set; }

    /// <summary>Providers whose refresh tokens are rotated on use (the old one dies).</summary>
    public static bool Rotates(string provider) => provider is not ("google_search_console" or "google_analytics" or "salesforce");

    /// <summary>Meta and Intercom issue no refresh token.</summary>
    public static bool IssuesRefreshToken(string provider) => provider is not ("facebook" or "instagram" or "intercom");

    public static bool Expires(string provider) => provider is not "intercom";

    /// <summary>Every token request: provider, grant type and whether it succeeded.</summary>
    public IReadOnlyList<(string Provider, string GrantType, bool Succeeded)> TokenRequests => _tokenRequests.ToList();

    public int Refreshes(string provider) => _tokenRequests.Count(r => r.Provider == provider && r.GrantType == "refresh_token");

    public static IEnumerable<string> Providers => Catalog.Providers.Where(p => p.OAuth is not null).Select(p => p.Id);

    public IEnumerable<KeyValuePair<string, string?>> ClientSettings() =>
        Providers.SelectMany(id => new[]
        {
            KeyValuePair.Create($"Integrations:Providers:{id}:OAuth:ClientId", (string?)ClientId),
            KeyValuePair.Create($"Integrations:Providers:{id}:OAuth:ClientSecret", (string?)ClientSecret),
        });

    public bool Accepts(string provider, ReceivedRequest request)
    {
        var header = request.Header("Authorization") ?? "";
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        return token is not null && _accessTokens.TryGetValue(token, out var issuedFor) && issuedFor == provider;
    }

    /// <summary>The provider revokes an access token (the next use answers 401).</summary>
    public void RevokeAccessToken(string token) => _accessTokens.TryRemove(token, out _);

    /// <summary>The provider revokes every refresh token of a provider (the next refresh answers invalid_grant).</summary>
    public void RevokeRefreshTokens(string provider)
    {
        foreach (var (token, issuedFor) in _refreshTokens)
        {
            if (issuedFor == provider)
            {
                _refreshTokens.TryRemove(token, out _);
            }
        }
    }

    public IReadOnlyList<string> AccessTokensOf(string provider) => _accessTokens.Where(kv => kv.Value == provider).Select(kv => kv.Key).ToList();

    /// <summary>The access token most recently issued for the provider (after Meta's exchange, the long-lived one).</summary>
    public string? LastAccessTokenOf(string provider) => _lastAccessToken.GetValueOrDefault(provider);

    public void Reset()
    {
        _codes.Clear();
        _refreshTokens.Clear();
        _accessTokens.Clear();
        _tokenRequests.Clear();
        _lastAccessToken.Clear();
        ExpiresIn = 3600;
        BeforeRefreshAnswer = null;
        RefreshUnavailable = false;
    }

    private static string PathOf(string template) => new Uri(CatalogTemplates.Render(template, _ => "x")).AbsolutePath;

    /// <summary>Handles the request when it is one of the provider's OAuth endpoints.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string provider, ReceivedRequest request)
    {
        if (Catalog.FindCheck(provider)?.OAuth is not { } oauth)
        {
            return false;
        }

        if (request.Method == "GET" && request.Path == PathOf(oauth.AuthorizeUrl))
        {
            await AuthorizeAsync(context, provider, oauth);
            return true;
        }

        if (request.Method == "POST" && request.Path == PathOf(oauth.TokenUrl))
        {
            await TokenAsync(context, provider, oauth, request);
            return true;
        }

        if (oauth.Metadata is { } metadata && request.Method == "GET" && request.Path == PathOf(metadata.Url))
        {
            var header = request.Header("Authorization") ?? "";
            var valid = header.StartsWith("OAuth ", StringComparison.Ordinal) && _accessTokens.ContainsKey(header["OAuth ".Length..]);
            await Write(context, valid ? 200 : 401, valid
                ? """{"dc":"us21","role":"owner","accountname":"Acme","login_url":"https://login.mailchimp.com","api_endpoint":"https://us21.api.mailchimp.com"}"""
                : """{"error":"invalid_token","error_description":"Invalid OAuth token"}""");
            return true;
        }

        return false;
    }

    private async Task AuthorizeAsync(HttpContext context, string provider, OAuthSpec oauth)
    {
        var query = context.Request.Query;
        var clientId = query[oauth.ClientIdParam].ToString();
        var redirect = query["redirect_uri"].ToString();
        var state = query["state"].ToString();
        var challenge = query["code_challenge"].ToString();
        if (clientId != ClientId || string.IsNullOrEmpty(redirect) || query["response_type"] != "code" || string.IsNullOrEmpty(state))
        {
            await Write(context, 400, """{"error":"invalid_request"}""");
            return;
        }

        if (oauth.Pkce == AgentHub.Core.Catalog.PkceMode.Required && (string.IsNullOrEmpty(challenge) || query["code_challenge_method"] != "S256"))
        {
            context.Response.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["error"] = "invalid_request", ["state"] = state }));
            return;
        }

        switch (query["decision"].ToString())
        {
            case "approve":
                var code = $"code-{provider}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";
                _codes[code] = new IssuedCode(provider, redirect, string.IsNullOrEmpty(challenge) ? null : challenge);
                context.Response.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["code"] = code, ["state"] = state }));
                return;
            case "deny":
                context.Response.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?>
                {
                    ["error"] = "access_denied",
                    ["error_description"] = "The user denied access",
                    ["state"] = state,
                }));
                return;
        }

        // The consent page a user sees: what is asked, and two choices.
        var here = context.Request.Path + context.Request.QueryString;
        var approve = WebUtility.HtmlEncode(QueryHelpers.AddQueryString(here, "decision", "approve"));
        var deny = WebUtility.HtmlEncode(QueryHelpers.AddQueryString(here, "decision", "deny"));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html><html><head><title>Authorize AgentHub</title></head><body>
            <h1>Allow AgentHub to access your {WebUtility.HtmlEncode(provider)} account?</h1>
            <p>Scopes: {WebUtility.HtmlEncode(query["scope"].ToString())}</p>
            <a id="approve" href="{approve}">Allow</a> <a id="deny" href="{deny}">Deny</a>
            </body></html>
            """);
    }

    private async Task TokenAsync(HttpContext context, string provider, OAuthSpec oauth, ReceivedRequest request)
    {
        var form = QueryHelpers.ParseQuery(request.Body);
        string Form(string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
        var grant = Form("grant_type");

        // Client authentication as the provider documents it.
        bool clientOk;
        if (oauth.ClientAuth == ClientAuthMethod.ClientSecretBasic)
        {
            var header = request.Header("Authorization") ?? "";
            var decoded = header.StartsWith("Basic ", StringComparison.Ordinal)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]))
                : "";
            clientOk = decoded == $"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}" && string.IsNullOrEmpty(Form("client_secret"));
        }
        else
        {
            clientOk = Form(oauth.ClientIdParam) == ClientId && Form("client_secret") == ClientSecret;
        }

        if (!clientOk)
        {
            _tokenRequests.Enqueue((provider, grant, false));
            await Write(context, 401, """{"error":"invalid_client","error_description":"Client authentication failed"}""");
            return;
        }

        if (grant == "authorization_code")
        {
            var code = Form("code");
            // A code works once: removing it is the use.
            if (!_codes.TryRemove(code, out var issued) || issued.Provider != provider || issued.RedirectUri != Form("redirect_uri") ||
                (issued.Challenge is { } challenge && WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(Form("code_verifier")))) != challenge))
            {
                _tokenRequests.Enqueue((provider, grant, false));
                await Write(context, 400, """{"error":"invalid_grant","error_description":"The authorization code is invalid, expired, already used, or the PKCE verifier does not match"}""");
                return;
            }

            _tokenRequests.Enqueue((provider, grant, true));
            await Write(context, 200, Issue(provider, rotateFrom: null));
            return;
        }

        if (grant == "refresh_token")
        {
            if (BeforeRefreshAnswer is { } hook)
            {
                await hook(provider);
            }

            if (RefreshUnavailable)
            {
                _tokenRequests.Enqueue((provider, grant, false));
                await Write(context, 503, """{"error":"temporarily_unavailable"}""");
                return;
            }

            var refresh = Form("refresh_token");
            if (!_refreshTokens.TryGetValue(refresh, out var issuedFor) || issuedFor != provider)
            {
                _tokenRequests.Enqueue((provider, grant, false));
                await Write(context, 400, """{"error":"invalid_grant","error_description":"The refresh token is invalid, expired or revoked"}""");
                return;
            }

            _tokenRequests.Enqueue((provider, grant, true));
            await Write(context, 200, Issue(provider, rotateFrom: Rotates(provider) ? refresh : null, keepRefresh: !Rotates(provider)));
            return;
        }

        if (grant == "fb_exchange_token" && oauth.LongLived is not null)
        {
            // Meta: a valid short-lived token buys a long-lived one (about 60 days), still without a refresh token.
            var shortLived = Form("fb_exchange_token");
            var valid = _accessTokens.TryGetValue(shortLived, out var issuedTo) && issuedTo == provider;
            _tokenRequests.Enqueue((provider, grant, valid));
            await Write(context, valid ? 200 : 400, valid
                ? Issue(provider, rotateFrom: null, lifetime: 5_184_000)
                : """{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}""");
            return;
        }

        await Write(context, 400, """{"error":"unsupported_grant_type"}""");
    }

    private string Issue(string provider, string? rotateFrom, bool keepRefresh = false, int? lifetime = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var access = $"at-{provider}-{n}-{Guid.NewGuid():N}";
        _accessTokens[access] = provider;
        _lastAccessToken[provider] = access;
        var body = new Dictionary<string, object> { ["access_token"] = access, ["token_type"] = "Bearer" };
        if (Expires(provider))
        {
            body["expires_in"] = lifetime ?? ExpiresIn;
        }

        if (IssuesRefreshToken(provider) && !keepRefresh)
        {
            if (rotateFrom is not null)
            {
                _refreshTokens.TryRemove(rotateFrom, out _); // the old one dies on use
            }

            var refresh = $"rt-{provider}-{n}-{Guid.NewGuid():N}";
            _refreshTokens[refresh] = provider;
            body["refresh_token"] = refresh;
        }

        switch (provider)
        {
            case "salesforce":
                body["instance_url"] = "https://acme.my.salesforce.com";
                body["id"] = "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS";
                break;
            case "pipedrive":
                body["api_domain"] = "https://acme.pipedrive.com";
                break;
        }

        return JsonSerializer.Serialize(body);
    }

    private static async Task Write(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private sealed record IssuedCode(string Provider, string RedirectUri, string? Challenge);
}

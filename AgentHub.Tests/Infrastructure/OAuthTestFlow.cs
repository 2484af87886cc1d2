using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Integrations.Catalog;
using Microsoft.AspNetCore.WebUtilities;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// Drives an OAuth connect as a browser would, against the loopback fake: POST authorize (the API), GET the
/// authorization URL with the user's decision (the fake consent page answers with a redirect to the callback), then
/// GET the app's callback with the signed-in user's cookie.
/// </summary>
public static class OAuthTestFlow
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    /// <summary>The settings asked before authorizing, with the values the fake provider's check accepts.</summary>
    public static Dictionary<string, string?> SettingsFor(string provider) =>
        Catalog.FindCheck(provider)!.OAuth!.Settings
            .Where(name => FakeProviders.Get(provider).Valid.ContainsKey(name))
            .ToDictionary(name => name, name => (string?)FakeProviders.Get(provider).Valid[name]);

    public static async Task<Uri> AuthorizeAsync(HttpClient api, string agent, string provider, Dictionary<string, string?>? settings = null)
    {
        using var response = await api.PostAsJsonAsync($"/api/integrations/{agent}/{provider}/authorize", new { settings = settings ?? SettingsFor(provider) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"authorize {provider}: {(int)response.StatusCode} {body}");
        return new Uri((string)JsonNode.Parse(body)!["authorization_url"]!);
    }

    /// <summary>The user's choice on the fake consent page; returns the callback's query (code or error, and state).</summary>
    public static async Task<Dictionary<string, string>> DecideAsync(Uri authorizationUrl, string decision = "approve")
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(QueryHelpers.AddQueryString(authorizationUrl.ToString(), "decision", decision));
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = consent.Headers.Location!;
        Assert.EndsWith("/oauth/callback", callback.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(callback.Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    /// <summary>Calls the app's callback as the browser (cookie client); returns where the app sent the browser.</summary>
    public static async Task<string> CallbackAsync(HttpClient browser, IReadOnlyDictionary<string, string> query)
    {
        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/oauth/callback", query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"callback: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<string> ConnectAsync(HttpClient api, HttpClient browser, string agent, string provider, string decision = "approve") =>
        await CallbackAsync(browser, await DecideAsync(await AuthorizeAsync(api, agent, provider), decision));
}

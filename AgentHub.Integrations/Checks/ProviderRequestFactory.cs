using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.Checks;

/// <summary>
/// Builds a provider's verification request from its catalog templates and a connection's values. Hosts come only
/// from the template: a field placed in the host must be a single DNS label, derived hosts come from a fixed map or a
/// URL validated against the provider's host suffixes. An operator's BaseUrl replaces scheme, host and port.
/// </summary>
public sealed partial class ProviderRequestFactory(IOptionsMonitor<IntegrationsOptions> options)
{
    /// <param name="oauth">The connection was made with OAuth: the check sends the access token its own way.</param>
    public ProviderRequest Create(ProviderCheck check, IReadOnlyDictionary<string, string> values, bool oauth = false) =>
        Create(check.Provider, check.SpecFor(oauth), values);

    /// <summary>
    /// Builds one request from <paramref name="spec"/> (a check, or an action's step shaped as one). Placeholders are
    /// filled once: a value that itself looks like `{placeholder}` is data, never read as a template again.
    /// </summary>
    public ProviderRequest Create(ProviderDefinition provider, CheckSpec spec, IReadOnlyDictionary<string, string> values)
    {
        var secrets = provider.SecretFields
            .Select(f => values.GetValueOrDefault(f.Name))
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .ToList();

        var derived = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, derive) in spec.Derive ?? new Dictionary<string, DeriveSpec>())
        {
            var source = values.GetValueOrDefault(derive.From)?.Trim() ?? string.Empty;
            var value = Derive(provider, derive, source);
            if (value is null)
            {
                return Invalid(
                    provider,
                    secrets,
                    derive.Message ?? CoreText.Get("Checks_DeriveInvalid", provider.FindField(derive.From)?.Label ?? derive.From, provider.Name),
                    derive.From);
            }

            derived[name] = value;
        }

        string? Lookup(string name) => derived.TryGetValue(name, out var d) ? d : values.GetValueOrDefault(name);

        // Host: each placeholder is a derived host or a DNS label; anything else is refused before any request.
        var hostTemplate = CatalogTemplates.HostPart(spec.Url);
        string? badHostField = null;
        var host = CatalogTemplates.PlaceholderPattern().Replace(hostTemplate, match =>
        {
            var name = match.Groups[1].Value;
            var value = (Lookup(name) ?? string.Empty).ToLowerInvariant();
            // A derived value comes from a fixed map, a regex capture or a suffix-checked URL; it may be a label or a host name.
            var valid = DnsLabel().IsMatch(value) || (derived.ContainsKey(name) && HostName().IsMatch(value));
            if (!valid)
            {
                badHostField ??= spec.Derive?.TryGetValue(name, out var d) == true ? d.From : name;
            }

            return value;
        }).ToLowerInvariant();
        if (badHostField is not null)
        {
            return Invalid(provider, secrets, $"{provider.FindField(badHostField)?.Label ?? badHostField} is not a valid host name part.", badHostField);
        }

        var pathAndQuery = CatalogTemplates.Render(spec.Url[("https://".Length + hostTemplate.Length)..], Lookup, Uri.EscapeDataString);
        var uri = new Uri($"https://{host}{pathAndQuery}");
        (uri, var operatorTarget) = ApplyBaseUrl(options.CurrentValue, provider.Id, uri);

        var message = new HttpRequestMessage(spec.Method.ToHttpMethod(), uri);
        message.Options.Set(EgressRequestOptions.OperatorTarget, operatorTarget);
        message.Options.Set(EgressRequestOptions.ProviderId, provider.Id);

        foreach (var (name, template) in spec.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, CatalogTemplates.Render(template, Lookup));
        }

        string RenderRaw(string? template) => CatalogTemplates.Render(template ?? string.Empty, Lookup);
        switch (spec.Auth.Type)
        {
            case AuthType.Bearer:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RenderRaw(spec.Auth.Token));
                break;
            case AuthType.Basic:
                var pair = $"{RenderRaw(spec.Auth.Username)}:{RenderRaw(spec.Auth.Password)}";
                message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
                secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
                break;
            case AuthType.Header:
                message.Headers.TryAddWithoutValidation(spec.Auth.Name!, RenderRaw(spec.Auth.Value));
                break;
        }

        if (spec.Form is { } form)
        {
            message.Content = new FormUrlEncodedContent(form.Select(kv => KeyValuePair.Create(kv.Key, RenderRaw(kv.Value))));
        }

        // The call log keeps host and path only: the query (SEMrush's key) is dropped, and any secret in the path masked.
        var loggedPath = secrets.Aggregate(uri.AbsolutePath, (path, secret) => path.Replace(Uri.EscapeDataString(secret), "***", StringComparison.Ordinal));
        return new ProviderRequest(message, spec.Method.ToHttpMethod().Method, uri.Authority, loggedPath, secrets, null);
    }

    /// <summary>
    /// An operator's <c>Integrations:Providers:{id}:BaseUrl</c> replaces scheme, host and port of every URL of the
    /// provider (check, authorization, token, refresh, metadata), keeping path and query behind the base's own path.
    /// </summary>
    public static (Uri Uri, bool OperatorTarget) ApplyBaseUrl(IntegrationsOptions options, string providerId, Uri uri)
    {
        if (options.Providers.GetValueOrDefault(providerId)?.BaseUrl is not { Length: > 0 } baseUrl)
        {
            return (uri, false);
        }

        var baseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        return (new Uri(baseUri, baseUri.AbsolutePath.TrimEnd('/') + uri.PathAndQuery), true);
    }

    private static string? Derive(ProviderDefinition provider, DeriveSpec derive, string source)
    {
        if (derive.Map is { } map)
        {
            return map.GetValueOrDefault(source.ToLowerInvariant());
        }

        if (derive.Regex is { } pattern)
        {
            var match = Regex.Match(source, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
        }

        var field = provider.FindField(derive.From);
        return derive.UrlHost && CredentialSubmissionValidator.IsAllowedHttpsUrl(source, field?.HostSuffixes ?? derive.HostSuffixes)
            ? new Uri(source).IdnHost.ToLowerInvariant()
            : null;
    }

    private static ProviderRequest Invalid(ProviderDefinition provider, IReadOnlyList<string> secrets, string message, string field) =>
        new(null, string.Empty, string.Empty, string.Empty, secrets,
            new VerificationOutcome(OutcomeReason.InvalidInput, $"{OutcomeReason.InvalidInput.Sentence(provider.Name)} {message}", Field: field));

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex HostName();
}

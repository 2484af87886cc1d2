namespace AgentHub.Core.Common;

/// <summary>The `App` configuration section.</summary>
public sealed class AppOptions
{
    /// <summary>
    /// The address people and providers reach AgentHub at (`https://agenthub.example.com`). Every absolute link AgentHub
    /// hands out (invitation links, later OAuth redirect URIs and webhook addresses) is built from it, never from the
    /// request's Host header, which a client chooses.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>
    /// True when the value is an absolute http(s) URL with no query, fragment or user info: a base that paths are
    /// appended to (this app's public address, or an operator's provider address).
    /// </summary>
    public static bool IsValidBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (which starts with '/') under the public base URL.</summary>
    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}

namespace AgentHub.Web.Components.Account;

/// <summary>
/// Where a sign-in, registration or sign-out may send the browser afterwards: a path on this site, or else the home
/// page. A foreign or malformed `ReturnUrl` (`https://evil.test`, `//evil.test`, `/\evil.test`, a tab or newline,
/// `javascript:`) is not an error, just ignored.
/// </summary>
public static class LocalUrl
{
    /// <summary>The path itself when it is local, otherwise "/".</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>
    /// The rule of ASP.NET Core's own `IsLocalUrl`: an absolute path that is not protocol-relative (`//`, `/\`), and
    /// (stricter) no control characters or white space anywhere, since browsers strip those before parsing.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2048 } &&
        url[0] == '/' &&
        (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) &&
        !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}

using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Mcp;

/// <summary>`POST|PUT /api/mcp-servers`: a name (its tools' prefix), the address, an optional header and secret, the helpers allowed.</summary>
public sealed record SaveRemoteMcpServerRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("header_name")] string? HeaderName,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("agent_ids")] IReadOnlyList<string?>? AgentIds);

/// <summary>An outside MCP server as the API and the Workspace page show it: never its secret, only whether it has one.</summary>
public sealed record RemoteMcpServerView(
    Guid Id,
    string Name,
    string Url,
    string? HeaderName,
    bool HasSecret,
    IReadOnlyList<string> AgentIds,
    IReadOnlyList<RemoteMcpToolView> Tools,
    DateTime? ToolsRefreshedAt,
    string? Error,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>One of its tools: the name helpers call (`{server}_{tool}`), and whether it is a read (else each call waits for approval).</summary>
public sealed record RemoteMcpToolView(string Name, string ToolName, string? Description, bool ReadOnly);

public sealed partial class SaveRemoteMcpServerRequestValidator : AbstractValidator<SaveRemoteMcpServerRequest>
{
    public SaveRemoteMcpServerRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r).Custom((request, context) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || !NamePattern().IsMatch(request.Name))
            {
                context.AddFailure("name", CoreText.Get("Mcp_NameInvalid", RemoteMcpServer.MaxNameLength));
            }
            else if (catalog.FindProvider(request.Name) is not null || request.Name is "ask" or "brain" or "get" or "mcp"
                     || catalog.Providers.SelectMany(p => p.Actions).Any(a => a.ToolName.StartsWith(request.Name + "_", StringComparison.Ordinal)))
            {
                // Its tools would take the names of a provider's or AgentHub's own.
                context.AddFailure("name", CoreText.Get("Mcp_NameReserved", request.Name));
            }

            if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > RemoteMcpServer.MaxUrlLength
                || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
            {
                context.AddFailure("url", CoreText.Get("Mcp_UrlInvalid"));
            }

            var header = string.IsNullOrWhiteSpace(request.HeaderName) ? null : request.HeaderName.Trim();
            if (header is not null && (header.Length > RemoteMcpServer.MaxHeaderNameLength || !HeaderPattern().IsMatch(header) || !IsRequestHeader(header)))
            {
                context.AddFailure("header_name", CoreText.Get("Mcp_HeaderInvalid"));
            }

            if (request.Secret is { Length: > RemoteMcpServer.MaxSecretLength } || request.Secret?.Any(char.IsControl) == true)
            {
                context.AddFailure("secret", CoreText.Get("Mcp_SecretInvalid", RemoteMcpServer.MaxSecretLength));
            }
            else if (!string.IsNullOrEmpty(request.Secret) && header is null)
            {
                context.AddFailure("header_name", CoreText.Get("Mcp_HeaderNeeded"));
            }

            foreach (var agent in request.AgentIds ?? [])
            {
                if (agent is null || catalog.FindAgent(agent) is null)
                {
                    context.AddFailure("agent_ids", CoreText.Get("Mcp_UnknownAgent", agent));
                }
            }
        });
    }

    /// <summary>A header a request may carry (not a content header such as Expires or Content-Encoding, which the transport would refuse).</summary>
    private static bool IsRequestHeader(string name)
    {
        using var probe = new HttpRequestMessage();
        return probe.Headers.TryAddWithoutValidation(name, "x");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,23}$")]
    private static partial Regex NamePattern();

    // An HTTP field name (RFC 9110 token), never one the transport owns.
    [GeneratedRegex("^(?!(?i:host|content-length|content-type|accept|mcp-session-id|mcp-protocol-version|connection|transfer-encoding)$)[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderPattern();
}

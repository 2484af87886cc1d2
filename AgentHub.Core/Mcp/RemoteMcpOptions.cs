namespace AgentHub.Core.Mcp;

/// <summary>The `Mcp:Client` section: how AgentHub reaches outside MCP servers.</summary>
public sealed class RemoteMcpOptions
{
    public const string Section = "Mcp:Client";

    /// <summary>
    /// Hosts an operator trusts (an intranet MCP server, a test double): reached over http or https even at a private or
    /// loopback address. Users cannot set it; every other host must resolve to public addresses only.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>How often each server's tool list is read again (besides on `list_changed` and on demand).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest AgentHub waits for one MCP request (connect, initialize and the call).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most characters of a tool's answer a helper reads (the rest is cut).</summary>
    public int MaxResultChars { get; set; } = 8000;
}

namespace AgentHub.Integrations.Catalog;

/// <summary>How the secret travels, and the templates of its parts.</summary>
public sealed record AuthSpec
{
    public required AuthType Type { get; init; }
    public string? Token { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Name { get; init; }
    public string? Value { get; init; }
}

namespace AgentHub.Core.Connections;

/// <summary>A credential field with whether a value is stored; only non-secret values are ever shown back.</summary>
public sealed record CredentialFieldView(
    string Name,
    string Label,
    string Type,
    bool Required,
    string? Help,
    string? Placeholder,
    IReadOnlyList<string>? Options,
    bool IsSet,
    string? Value);

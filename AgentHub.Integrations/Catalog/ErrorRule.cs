using AgentHub.Core.Connections;

namespace AgentHub.Integrations.Catalog;

/// <summary>A provider-specific error answer and the reason it maps to.</summary>
public sealed record ErrorRule
{
    public int? Status { get; init; }
    public string? Path { get; init; }
    public IReadOnlyList<string>? In { get; init; }
    public string? TextPrefix { get; init; }
    public required OutcomeReason Reason { get; init; }
    public string? Field { get; init; }
}

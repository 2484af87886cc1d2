namespace AgentHub.Core.Catalog;

/// <summary>One of the helper agents, with the integrations it uses in catalog order.</summary>
public sealed record AgentDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required string Persona { get; init; }
    public required string Avatar { get; init; }
    public required string Color { get; init; }
    public required IReadOnlyList<AgentIntegration> Integrations { get; init; }

    public AgentIntegration? FindIntegration(string providerId) =>
        Integrations.FirstOrDefault(i => i.ProviderId == providerId);
}

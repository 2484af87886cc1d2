namespace AgentHub.Core.Brain;

/// <summary>What every helper is told about the business, in its system prompt (bounded in tokens).</summary>
public sealed class BrainProfile
{
    public const int MaxFieldLength = 2000;

    public Guid WorkspaceId { get; set; }
    public string? BusinessName { get; set; }
    public string? Offer { get; set; }
    public string? Audience { get; set; }
    public string? Voice { get; set; }
    public string? WordsToUse { get; set; }
    public string? WordsToAvoid { get; set; }
    public string? Website { get; set; }
    public DateTime UpdatedAt { get; set; }
}

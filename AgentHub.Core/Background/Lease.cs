namespace AgentHub.Core.Background;

/// <summary>
/// A named lease in the database: whoever holds it (until <see cref="ExpiresAt"/>) is the one instance doing that
/// work (a token refresh, a background job). A crashed holder's lease simply expires.
/// </summary>
public sealed class Lease
{
    public const int MaxNameLength = 200;

    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

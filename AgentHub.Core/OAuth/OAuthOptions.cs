namespace AgentHub.Core.OAuth;

/// <summary>The <c>OAuth</c> configuration section: lifetimes, refresh margins and the background job's pace.</summary>
public sealed class OAuthOptions
{
    /// <summary>How long a started authorization (its state) stays valid.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Refresh before use when the access token expires within min(this, half its lifetime).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one instance may hold a connection's refresh lease (a crashed holder's lease expires).</summary>
    public TimeSpan RefreshLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for another instance's refresh of the same connection.</summary>
    public TimeSpan RefreshWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the background job looks for tokens to refresh.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A refreshable connection not refreshed for this long is refreshed anyway, so idle refresh tokens stay alive.</summary>
    public TimeSpan TouchAfter { get; set; } = TimeSpan.FromHours(20);

    /// <summary>The longest pause between attempts after transient refresh failures (exponential from one minute).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
}

namespace AgentHub.Core.Connections;

/// <summary>The `Connections` configuration section.</summary>
public sealed class ConnectionOptions
{
    /// <summary>Re-test configured connections not tested for this long; zero turns the background re-test off.</summary>
    public TimeSpan BackgroundRetestInterval { get; set; } = TimeSpan.FromHours(6);
}
